/// The two ways llama.cpp servers spell their command-line arguments.
package enum LlamaArgumentDialect: String, Sendable, Equatable {
    /// The C++ `llama-server`: `-m`, `--host`, `--port`, `-t`, `-c`, `--alias`.
    case llamaServer
    /// llama-cpp-python's `python -m llama_cpp.server`: `--model`, `--n_threads`, `--n_ctx`, `--model_alias`.
    case llamaCppPython

    /// The arguments that load `model` and listen on `host:port`.
    package func arguments(
        model: LocalModelRef, host: String, port: Int, threads: Int, contextLength: Int?
    ) -> [String] {
        var args: [String]
        switch self {
        case .llamaServer:
            args = ["-m", model.path, "--host", host, "--port", String(port), "-t", String(threads)]
            args += ["--alias", model.name]
            if let contextLength { args += ["-c", String(contextLength)] }
        case .llamaCppPython:
            args = ["--model", model.path, "--host", host, "--port", String(port), "--n_threads", String(threads)]
            args += ["--model_alias", model.name]
            if let contextLength { args += ["--n_ctx", String(contextLength)] }
        }
        return args
    }

    /// Whether a start-up log says the port was taken (worth a retry on another port).
    package func isBindFailure(log: String) -> Bool {
        let text = log.lowercased()
        return text.contains("address already in use") || text.contains("couldn't bind")
    }
}

extension LlamaEngineSettings {
    /// The full argv for `model` on `port`: command, generated arguments, global and per-model extras.
    package func argv(model: LocalModelRef, port: Int) -> [String] {
        command
            + dialect.arguments(
                model: model, host: "127.0.0.1", port: port, threads: threads, contextLength: contextLength)
            + extraArguments + model.extraArguments
    }
}
