# Sourced by the shell tests: an empty home of their own (WORKDIR.home beside the work folder),
# so no test reads the settings, caches or data that a developer's machine or another test left,
# and none writes into the user's real folders. Usage: source isolated_home.sh WORKDIR
_home="$(realpath -m "${1:?work folder}").home"
rm -rf "$_home"
mkdir -p "$_home/.config" "$_home/.cache" "$_home/.local/share" "$_home/.local/state"
export HOME="$_home" XDG_CONFIG_HOME="$_home/.config" XDG_CACHE_HOME="$_home/.cache" \
       XDG_DATA_HOME="$_home/.local/share" XDG_STATE_HOME="$_home/.local/state"
unset _home
