import GatehouseCore

/// Ollama's `options` and `format`, mapped onto OpenAI request fields.
enum OllamaOptions {
    /// Options carried over, as (Ollama key, OpenAI key, kind).
    private static let mapped: [(String, String, Kind)] = [
        ("temperature", "temperature", .number), ("top_p", "top_p", .number), ("seed", "seed", .integer),
        ("stop", "stop", .stop), ("num_predict", "max_tokens", .maxTokens),
        ("presence_penalty", "presence_penalty", .number), ("frequency_penalty", "frequency_penalty", .number),
    ]

    /// Ollama options (Modelfile parameters and runner settings) accepted and ignored: the
    /// engine's own configuration governs them.
    static let ignored: Set<String> = [
        "num_keep", "top_k", "min_p", "typical_p", "repeat_last_n", "repeat_penalty", "tfs_z", "mirostat",
        "mirostat_tau", "mirostat_eta", "penalize_newline", "num_ctx", "num_batch", "num_gpu", "main_gpu",
        "low_vram", "f16_kv", "logits_all", "vocab_only", "use_mmap", "use_mlock", "num_thread", "numa",
    ]

    private enum Kind { case number, integer, stop, maxTokens }

    /// Copies the supported `options` into `body`; unknown keys are refused by name.
    static func apply(_ options: JSONValue?, to body: inout [String: JSONValue]) throws(GatehouseError) {
        guard let options, options != .null else { return }
        guard let members = options.objectValue else { throw .bad("options must be an object") }
        for key in members.keys.sorted() where !ignored.contains(key) && !mapped.contains(where: { $0.0 == key }) {
            throw .bad("options.\(key) is not a known option")
        }
        for (key, target, kind) in mapped {
            guard let value = members[key], value != .null else { continue }
            body[target] = try convert(value, kind, field: "options.\(key)")
        }
    }

    private static func convert(_ value: JSONValue, _ kind: Kind, field: String) throws(GatehouseError) -> JSONValue? {
        switch kind {
        case .number:
            switch value {
            case .integer, .number: return value
            default: throw .bad("\(field) must be a number")
            }
        case .integer:
            guard let number = value.intValue else { throw .bad("\(field) must be an integer") }
            return .integer(number)
        case .stop:
            if value.stringValue != nil { return [value] }
            guard let items = value.arrayValue, items.count <= 16, items.allSatisfy({ $0.stringValue != nil }) else {
                throw .bad("\(field) must be a string or an array of at most 16 strings")
            }
            return items.isEmpty ? nil : value
        case .maxTokens:
            // Ollama: -1 generates without limit, -2 fills the context; neither has an OpenAI form.
            guard let number = value.intValue, number >= -2, number <= Int64(Int32.max) else {
                throw .bad("\(field) must be an integer of at least -2")
            }
            return number > 0 ? .integer(number) : nil
        }
    }

    /// Maps Ollama `format` (`"json"` or a JSON schema object) to OpenAI `response_format`.
    static func applyFormat(_ format: JSONValue?, to body: inout [String: JSONValue]) throws(GatehouseError) {
        switch format {
        case nil, .null?, .string("")?: return
        case .string("json")?: body["response_format"] = ["type": "json_object"]
        case .object(let schema)?:
            body["response_format"] = [
                "type": "json_schema", "json_schema": ["name": "response", "schema": .object(schema)],
            ]
        default: throw .bad("format must be \"json\" or a JSON schema object")
        }
    }
}
