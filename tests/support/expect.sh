# The checks the command-line test scripts share (source it): ok / bad count and print a result,
# expect runs a command and checks its exit code and a pattern in its output.
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
# expect NAME CODE PATTERN -- command...: exit code and a pattern in stdout+stderr
expect() {
  local name=$1 code=$2 pattern=$3; shift 4
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [[ $rc -ne $code ]]; then bad "$name: exit $rc, expected $code; output: $out"; return; fi
  if [[ -n $pattern ]] && ! grep -qiE -- "$pattern" <<<"$out"; then bad "$name: output lacks /$pattern/: $out"; return; fi
  ok "$name"
}
