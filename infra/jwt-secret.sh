# The API's token-signing secret for local runs. Sourced, not run.
# ensure_jwt_secret DIR: prints the secret kept in DIR/jwt-secret, creating it (random,
# readable by this user only) on first use, so tokens stay valid across restarts. No secret
# is written in the repository: a published one would let anyone sign tokens.
ensure_jwt_secret() {
  local file="$1/jwt-secret"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$1"
    (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(48).toString("base64url"))' >"$file.tmp")
    mv "$file.tmp" "$file"
  fi
  cat "$file"
}
