import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct LlamaEngineSettingsTests {
    let model = LocalModelRef(
        name: "smol", path: "/m/smol.gguf", digest: "d", estimatedBytes: 1, extraArguments: ["--embedding", "true"])

    @Test func pythonDialectSpellsArgumentsTheLlamaCppPythonWay() {
        var settings = LlamaEngineSettings(
            command: ["/venv/bin/python3", "-m", "llama_cpp.server"], dialect: .llamaCppPython, logDirectory: "/l",
            memoryBudget: 1)
        settings.contextLength = 4096
        settings.extraArguments = ["--chat_format", "chatml-function-calling"]
        #expect(
            settings.argv(model: model, port: 8080) == [
                "/venv/bin/python3", "-m", "llama_cpp.server", "--model", "/m/smol.gguf", "--host", "127.0.0.1",
                "--port", "8080", "--n_threads", "1", "--model_alias", "smol", "--n_ctx", "4096",
                "--chat_format", "chatml-function-calling", "--embedding", "true",
            ])
    }

    @Test func llamaServerDialectSpellsArgumentsTheCppWay() {
        var settings = LlamaEngineSettings(
            command: ["/usr/bin/llama-server"], dialect: .llamaServer, logDirectory: "/l", memoryBudget: 1)
        settings.threads = 2
        #expect(
            settings.argv(model: model, port: 9) == [
                "/usr/bin/llama-server", "-m", "/m/smol.gguf", "--host", "127.0.0.1", "--port", "9", "-t", "2",
                "--alias", "smol", "--embedding", "true",
            ])
    }

    @Test func resolverPrefersLlamaServerOnThePath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("resolve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(
            LlamaEngineSettings.resolveCommand(python: "/usr/bin/python3", searchPath: dir.path)?.dialect
                == .llamaCppPython)
        #expect(LlamaEngineSettings.resolveCommand(python: "/nonexistent/python", searchPath: dir.path) == nil)
        let server = dir.appendingPathComponent("llama-server").path
        _ = FileManager.default.createFile(
            atPath: server, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        let resolved = LlamaEngineSettings.resolveCommand(
            python: "/usr/bin/python3", searchPath: "/nowhere:\(dir.path)")
        #expect(resolved?.command == [server])
        #expect(resolved?.dialect == .llamaServer)
    }

    @Test func memoryBudgetDefaultsToMemAvailable() {
        #expect(MemoryInfo.parseAvailable("MemTotal: 10 kB\nMemAvailable:    2048 kB\n") == 2_097_152)
        #expect(MemoryInfo.parseAvailable("MemTotal: 10 kB\n") == nil)
        let settings = LlamaEngineSettings(command: ["x"], dialect: .llamaServer, logDirectory: "/l")
        #expect(settings.memoryBudget > 0)
        #expect(settings.keepAlive == .seconds(300) && settings.threads == 1)
    }

    @Test func bindFailuresAreRecognisedInBothDialects() {
        #expect(LlamaArgumentDialect.llamaCppPython.isBindFailure(log: "[Errno 98] ... address already in use"))
        #expect(LlamaArgumentDialect.llamaServer.isBindFailure(log: "couldn't bind HTTP server socket"))
        #expect(!LlamaArgumentDialect.llamaServer.isBindFailure(log: "model loaded"))
    }
}
