# Sourced by ./crm and .ci/run: puts a supported Node LTS on PATH. Where the machine's Node is
# older, the official build is installed from the npm registry (package node-linux-<arch>) into
# .tools/node, once.
REQUIRED_NODE_MAJOR=22
crm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if (( current_major < REQUIRED_NODE_MAJOR )); then
  case "$(uname -m)" in
    x86_64) node_arch=x64 ;;
    aarch64 | arm64) node_arch=arm64 ;;
    *) echo "ensure-node: no Node build for $(uname -m); install Node ${REQUIRED_NODE_MAJOR}+ yourself" >&2; exit 1 ;;
  esac
  node_dir=$crm_root/.tools/node
  node_bin=$node_dir/node_modules/node-linux-$node_arch/bin
  if [[ ! -x $node_bin/node ]]; then
    echo "ensure-node: Node $(node --version 2>/dev/null || echo none) is too old; installing Node ${REQUIRED_NODE_MAJOR} into .tools/node" >&2
    mkdir -p "$node_dir"
    echo '{"private":true}' > "$node_dir/package.json"
    npm install --prefix "$node_dir" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-$node_arch@$REQUIRED_NODE_MAJOR" >&2
  fi
  export PATH="$node_bin:$PATH"
fi
