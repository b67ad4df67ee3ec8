import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Starts llama-cpp-python's server with SmolLM2 and asks it one question.
@Suite struct RealEngineTests {
    static let python = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_LLAMA_PYTHON"]
    static let gguf = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SMOLLM2_GGUF"]

    @Test(
        .enabled(
            if: python != nil && gguf != nil,
            "set GATEHOUSE_TEST_LLAMA_PYTHON (a python with llama-cpp-python) and GATEHOUSE_TEST_SMOLLM2_GGUF"),
        .timeLimit(.minutes(2)))
    func chatCompletionThroughALease() async throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("real-engine-\(UUID().uuidString)")
        var settings = LlamaEngineSettings(
            command: [try #require(Self.python), "-m", "llama_cpp.server"], dialect: .llamaCppPython,
            logDirectory: logs.path)
        settings.contextLength = 2048
        settings.extraArguments = ["--verbose", "false"]
        let model = LocalModelRef(
            name: "smollm2", path: try #require(Self.gguf), digest: "sha256:test", estimatedBytes: 300 << 20)
        let answer = try await withEngines(settings) { engines in
            try await engines.withLease(model) { lease in
                var request = URLRequest(url: lease.baseURL.appendingPathComponent("chat/completions"))
                request.httpMethod = "POST"
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(
                    #"{"model":"smollm2","max_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}"#.utf8)
                let (data, response) = try await URLSession.shared.data(for: request)
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                let choices = json?["choices"] as? [[String: Any]]
                let message = choices?.first?["message"] as? [String: Any]
                return message?["content"] as? String ?? ""
            }
        }
        #expect(!answer.isEmpty)
    }
}
