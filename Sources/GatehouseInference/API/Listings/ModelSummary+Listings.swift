package import Foundation
package import GatehouseCore

/// The listing endpoints' entries.
extension ModelSummary {
    /// An `/api/tags` entry.
    package var ollamaTag: JSONValue {
        [
            "name": .string(name), "model": .string(name), "modified_at": .string(OllamaTimestamp.format(modifiedAt)),
            "size": .integer(sizeBytes), "digest": .string(digestHex), "details": ollamaDetails,
        ]
    }

    /// An `/api/ps` entry for a model loaded until `expiresAt` (CPU-only: `size_vram` 0).
    package func ollamaRunning(expiresAt: Date) -> JSONValue {
        var entry: [String: JSONValue] = [
            "name": .string(name), "model": .string(name), "size": .integer(sizeBytes), "digest": .string(digestHex),
            "details": ollamaDetails, "expires_at": .string(OllamaTimestamp.format(expiresAt)), "size_vram": 0,
        ]
        if let contextLength { entry["context_length"] = .integer(Int64(contextLength)) }
        return .object(entry)
    }

    /// The `/api/show` object.
    package var ollamaShow: JSONValue {
        var info: [String: JSONValue] = [
            "general.architecture": .string(family), "general.parameter_count": .integer(parameterCount),
        ]
        if let contextLength { info["\(family).context_length"] = .integer(Int64(contextLength)) }
        return [
            "license": .string(license ?? ""), "modelfile": "", "parameters": "", "template": "",
            "details": ollamaDetails, "model_info": .object(info),
            "capabilities": .array(capabilities.map { .string($0) }),
            "modified_at": .string(OllamaTimestamp.format(modifiedAt)),
        ]
    }

    /// A `/v1/models` entry.
    package func openAIModel(ownedBy: String = "gatehouse") -> JSONValue {
        let created = modifiedAt.timeIntervalSince1970
        return [
            "id": .string(name), "object": "model", "owned_by": .string(ownedBy),
            "created": .integer(created.isFinite ? Int64(min(max(created, 0), 9e15)) : 0),
        ]
    }

    /// The `/api/tags` body: `{models: […]}`.
    package static func ollamaTags(_ models: [ModelSummary]) -> JSONValue {
        ["models": .array(models.map(\.ollamaTag))]
    }

    /// The `/v1/models` body: `{object: "list", data: […]}`.
    package static func openAIList(_ models: [ModelSummary], ownedBy: String = "gatehouse") -> JSONValue {
        ["object": "list", "data": .array(models.map { $0.openAIModel(ownedBy: ownedBy) })]
    }
}
