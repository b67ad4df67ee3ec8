import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

@Suite struct ModelSummaryTests {
    static let model = ModelSummary(
        name: "smollm2:135m", digest: "sha256:abc123", sizeBytes: 88_000_000, modifiedAt: fixedDate, family: "llama",
        parameterCount: 134_515_008, quantization: GGMLFileType.quantization(3), contextLength: 8192,
        license: "Apache-2.0")

    @Test(arguments: [
        (Int64(134_515_008), "135M"), (1_711_376_384, "1.7B"), (7_000_000_000, "7B"), (7_241_732_096, "7.2B"),
        (70_553_706_496, "71B"), (494_032_768, "494M"), (999_600_000, "1B"), (9_960_000_000, "10B"), (22_000, "22K"),
        (512, "512"), (1_500_000_000_000, "1.5T"),
    ])
    func parameterSizes(count: Int64, text: String) {
        #expect(GGMLFileType.parameterSize(count) == text)
    }

    @Test func quantizationNames() {
        #expect(GGMLFileType.quantization(0) == "F32")
        #expect(GGMLFileType.quantization(3) == "Q4_1")
        #expect(GGMLFileType.quantization(15) == "Q4_K_M")
        #expect(GGMLFileType.quantization(22) == "IQ3_XS")
        #expect(GGMLFileType.quantization(32) == "BF16")
        #expect(GGMLFileType.quantization(1024 + 7) == "Q8_0")
        #expect(GGMLFileType.quantization(5) == "unknown")
        #expect(GGMLFileType.quantization(nil) == "unknown")
    }

    @Test func tagsEntry() {
        #expect(
            ModelSummary.ollamaTags([Self.model])
                == json(
                    """
                    {"models": [{"name": "smollm2:135m", "model": "smollm2:135m",
                      "modified_at": "2024-05-14T11:05:21.765432Z", "size": 88000000, "digest": "abc123",
                      "details": {"parent_model": "", "format": "gguf", "family": "llama", "families": ["llama"],
                                  "parameter_size": "135M", "quantization_level": "Q4_1"}}]}
                    """))
    }

    @Test func showObject() {
        let show = Self.model.ollamaShow
        #expect(
            show["model_info"]
                == [
                    "general.architecture": "llama", "general.parameter_count": 134_515_008,
                    "llama.context_length": 8192,
                ])
        #expect(show["capabilities"] == ["completion", "tools"])
        #expect(show["license"] == "Apache-2.0")
        #expect(show["details"]?["quantization_level"] == "Q4_1")
    }

    @Test func runningEntry() {
        let entry = Self.model.ollamaRunning(expiresAt: Date(timeIntervalSince1970: 0))
        #expect(entry["expires_at"] == "1970-01-01T00:00:00.000000Z")
        #expect(entry["size_vram"] == 0)
        #expect(entry["size"] == 88_000_000)
        #expect(entry["context_length"] == 8192)
    }

    @Test func openAIEntries() {
        #expect(
            ModelSummary.openAIList([Self.model])
                == [
                    "object": "list",
                    "data": [
                        ["id": "smollm2:135m", "object": "model", "created": 1_715_684_721, "owned_by": "gatehouse"]
                    ],
                ])
    }
}
