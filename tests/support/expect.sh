# The checks the command-line test scripts share (source it): ok / bad count and print a result,
# expect runs a command and checks its exit code and a pattern in its output.
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
# An X server under load sometimes refuses a connection for a moment and Qt then aborts with
# this message (docs/testing.md, "The display"): a command that met it is run again, up to 3
# times in all, and the retry is printed. Nothing else is retried.
qt_display_refused() { grep -q "qt.qpa.xcb: could not connect to display" <<<"$1"; }
# run_retrying NAME -- command...: runs the command, its stdout+stderr into the caller's $out and
# its exit code into $rc, again while Qt's display connection was refused.
run_retrying() {
  local name=$1 attempt; shift 2
  for attempt in 1 2 3; do
    out=$("$@" 2>&1); rc=$?
    qt_display_refused "$out" || break
    echo "note $name: the X display refused Qt's connection (attempt $attempt)"
    sleep "$attempt"
  done
}
# expect NAME CODE PATTERN -- command...: exit code and a pattern in stdout+stderr
expect() {
  local name=$1 code=$2 pattern=$3; shift 4
  local out rc
  run_retrying "$name" -- "$@"
  if [[ $rc -ne $code ]]; then bad "$name: exit $rc, expected $code; output: $out"; return; fi
  if [[ -n $pattern ]] && ! grep -qiE -- "$pattern" <<<"$out"; then bad "$name: output lacks /$pattern/: $out"; return; fi
  ok "$name"
}
