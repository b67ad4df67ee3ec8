import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore
import GatehouseTestSupport
import HummingbirdTesting
import Testing

/// The real thing: llama-cpp-python's server running SmolLM2-135M behind Gatehouse, driven by
/// the official `openai` and `ollama` Python SDKs (scripts/inference/sdk_e2e.py): chat,
/// streaming with usage, a forced tool call, completions, embeddings and Ollama's endpoints.
@Suite(
    .enabled(
        if: RealEngine.python != nil && RealEngine.gguf != nil,
        "set GATEHOUSE_TEST_LLAMA_PYTHON and GATEHOUSE_TEST_SMOLLM2_GGUF (scripts/inference-deps.sh install-engine)")
)
struct InferenceSDKTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../scripts/inference/sdk_e2e.py").standardizedFileURL.path

    static func config(python: String) -> String {
        """
        version: 1
        store: {url: "sqlite:gatehouse.db"}
        bootstrap: {admin_token: env:GATEHOUSE_ADMIN_TOKEN, admin_groups: [admins]}
        \(RealEngine.inference(python: python))
        groups:
          admins:
            rules:
              - {id: admins-all, effect: allow, actions: ["*"]}
          developers:
            rules:
              - {id: devs-models, effect: allow, actions: [model.use, model.list]}
        """
    }

    @Test func theOpenAIAndOllamaSDKsWorkThroughGatehouse() async throws {
        let python = try #require(RealEngine.python)
        try await ServerHarness.withServer(config: Self.config(python: python)) { context in
            _ = try ModelStore(root: context.dataDir + "/models").importFile(
                path: try #require(RealEngine.gguf), name: "smollm2")
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let token = try await ServerTokens.create(store: store, subject: "dev", groups: ["developers"])
            await store.shutdown()
            let base = "http://127.0.0.1:\(try #require(context.client.port))"
            let (status, output) = try await ChildProcess.run(
                python, [Self.script, base, "smollm2"], environment: ["GATEHOUSE_TOKEN": token])
            let line = output.split(separator: "\n").last.map(String.init) ?? ""
            let seen = try #require(JSONValue.parse(Data(line.utf8)), "the SDK script printed: \(output)")
            #expect(status == 0, "\(seen["error"]?.text ?? output)")
            #expect(seen["route"]?.stringValue == "local/smollm2:latest")
            #expect(seen["chat_text"]?.stringValue?.isEmpty == false)
            #expect((seen["chat_usage"]?.arrayValue?.first?.intValue ?? 0) > 0)
            // llama-cpp-python streams no usage: Gatehouse counted it, as include_usage asked.
            let streamed = seen["stream_usage"]?.arrayValue?.compactMap(\.intValue) ?? []
            #expect(streamed.count == 2 && streamed.allSatisfy { $0 > 0 })
            #expect(seen["stream_text"]?.stringValue?.isEmpty == false)
            #expect(seen["tool_call"]?.arrayValue?.first?.stringValue == "get_weather")
            #expect(seen["tool_call"]?.arrayValue?.last?["city"]?.stringValue != nil)
            #expect(seen["stream_tool_call"]?.arrayValue?.first == ["get_weather"])
            #expect(seen["completion_text"]?.stringValue?.isEmpty == false)
            #expect(seen["embeddings"] == [576, 576])
            #expect(seen["models"]?.arrayValue?.contains("smollm2") == true)
            #expect(seen["ollama_chat"]?.arrayValue?[1] == true)
            #expect(seen["ollama_stream"]?.arrayValue?[1] == true)
            #expect(seen["ollama_generate"] == [true, true])
            #expect(seen["ollama_embed"] == [576, 576])
            #expect(seen["ollama_show"] == ["llama", "Q4_1"])
            #expect(seen["ollama_ps"] == ["smollm2:latest"])
            #expect(seen["ollama_missing"]?.arrayValue?.first?.intValue == 404)
            #expect(seen["wrong_token"]?.intValue == 401)
        }
    }
}

/// The real engine and model the project's scripts install.
enum RealEngine {
    static let python = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_LLAMA_PYTHON"]
    static let gguf = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SMOLLM2_GGUF"]

    /// The `inference` section serving SmolLM2 (alias `smollm2`) from a llama.cpp engine.
    static func inference(python: String) -> String {
        """
        inference:
          engines:
            llama_cpp:
              command: ["\(python)", -m, llama_cpp.server]
              context_length: 2048
          models:
            - {name: smollm2, candidates: [{local: smollm2}]}
        """
    }
}
