import Foundation
import GatehouseCore

@testable import GatehouseInference

/// A temp directory with a fake llama_cpp.server (Python `http.server`) and fake model files.
///
/// A model file is JSON telling the fake what to do: `{"mode": "ok" | "fail" | "hang" | "bindfail_once"}`.
/// Each start appends `{"pid": …, "env": [names]}` to `<model>.starts`; `GET /crash` exits with status 7.
struct FakeEngine {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.script.write(to: directory.appendingPathComponent("fake_engine.py"), atomically: true, encoding: .utf8)
    }

    /// Settings that start the fake through the real code path, with a fast backoff and monitor.
    func settings(maxLoaded: Int = 2, memoryBudget: UInt64 = 1_000) -> LlamaEngineSettings {
        var settings = LlamaEngineSettings(
            command: ["/usr/bin/python3", directory.appendingPathComponent("fake_engine.py").path],
            dialect: .llamaCppPython, logDirectory: directory.appendingPathComponent("logs").path,
            memoryBudget: memoryBudget)
        settings.maxLoaded = maxLoaded
        settings.startTimeout = .seconds(20)
        settings.stopGrace = .seconds(3)
        settings.monitorInterval = .milliseconds(50)
        settings.backoff = RestartBackoff(initial: .milliseconds(700), maximum: .seconds(2), resetAfter: .seconds(60))
        return settings
    }

    /// Writes a fake model file and returns its reference.
    func model(_ name: String, mode: String = "ok", bytes: UInt64 = 100, digest: String = "sha256:1") throws
        -> LocalModelRef
    {
        let path = directory.appendingPathComponent("\(name).gguf").path
        try #"{"mode": "\#(mode)"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        return LocalModelRef(name: name, path: path, digest: digest, estimatedBytes: bytes)
    }

    /// The starts recorded for `model`: one dictionary per process start.
    func starts(_ model: LocalModelRef) -> [[String: any Sendable]] {
        guard let text = try? String(contentsOfFile: model.path + ".starts", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: any Sendable]
        }
    }

    static let script = #"""
        import argparse, json, os, sys, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        p = argparse.ArgumentParser()
        p.add_argument("--model"); p.add_argument("--host"); p.add_argument("--port", type=int)
        p.add_argument("--model_alias", default="fake")
        args, _ = p.parse_known_args()
        spec = json.load(open(args.model))
        with open(args.model + ".starts", "a") as f:
            f.write(json.dumps({"pid": os.getpid(), "env": sorted(os.environ)}) + "\n")
        with open(args.model + ".starts") as f:
            count = len(f.readlines())
        mode = spec.get("mode", "ok")
        print("fake engine loading " + os.path.basename(args.model), flush=True)
        if mode == "fail":
            print("error: unknown model architecture 'fake'", flush=True)
            print("fatal: failed to load model", flush=True)
            sys.exit(1)
        if mode == "bindfail_once" and count == 1:
            print("ERROR: [Errno 98] error while attempting to bind on address: address already in use", flush=True)
            sys.exit(3)
        if mode == "hang":
            time.sleep(3600)
        class Handler(BaseHTTPRequestHandler):
            def reply(self, body):
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def do_GET(self):
                if self.path == "/crash":
                    os._exit(7)
                if self.path == "/v1/models":
                    return self.reply({"object": "list", "data": [{"id": args.model_alias, "object": "model"}]})
                self.send_error(404)
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.reply({"object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "fake"}}]})
            def log_message(self, *a):
                pass
        ThreadingHTTPServer((args.host, args.port), Handler).serve_forever()
        """#
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Runs `body` with a manager and always unloads its engines afterwards.
func withEngines<T>(_ settings: LlamaEngineSettings, _ body: (LlamaEngines) async throws -> T) async throws -> T {
    let engines = LlamaEngines(settings: settings)
    do {
        let result = try await body(engines)
        await engines.unloadAll()
        return result
    } catch {
        await engines.unloadAll()
        throw error
    }
}

/// Whether a process with `pid` exists.
func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0
}
