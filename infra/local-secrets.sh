# Secrets of local runs, generated once into the data folder. Sourced, not run.
# None is written in the repository: a published JWT secret would let anyone sign tokens, a
# published payload key would decrypt every workflow history.

# ensure_secret_file FILE SCRIPT: prints FILE, creating it first (readable by this user only)
# with what the Node SCRIPT writes, so the secret outlives restarts.
ensure_secret_file() {
  local file="$1"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && node -e "$2" >"$file.tmp")
    mv "$file.tmp" "$file"
  fi
  cat "$file"
}

# ensure_jwt_secret DIR: the API's token-signing secret kept in DIR/jwt-secret.
ensure_jwt_secret() {
  ensure_secret_file "$1/jwt-secret" \
    'process.stdout.write(require("node:crypto").randomBytes(48).toString("base64url"))'
}

# ensure_payload_keys DIR: the PAYLOAD_KEYS value ("id:base64key", one AES-256 key) kept in
# DIR/payload-keys. To rotate, put a new pair first and keep the old one after it.
ensure_payload_keys() {
  ensure_secret_file "$1/payload-keys" \
    'process.stdout.write(`local-${Date.now().toString(36)}:${require("node:crypto").randomBytes(32).toString("base64")}`)'
}
