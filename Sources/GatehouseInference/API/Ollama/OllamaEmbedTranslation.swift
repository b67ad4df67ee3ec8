package import GatehouseCore

/// An Ollama `/api/embed` (or legacy `/api/embeddings`) request turned into an OpenAI
/// `/v1/embeddings` body.
package struct OllamaEmbedTranslation: Sendable, Hashable {
    /// The most inputs accepted in one request.
    package static let maxInputs = 2048

    /// The OpenAI request body (`model`, `input`, optionally `dimensions`).
    package var openAI: JSONValue
    /// The model the client asked for.
    package var model: String
    /// `keep_alive`, when given.
    package var keepAlive: KeepAlive?
    /// Number of inputs; 0 means the client only wants the model loaded.
    package var inputCount: Int
    /// True for legacy `/api/embeddings` (answer with one `embedding`).
    package var legacy: Bool
    /// `truncate` (default true). OpenAI engines have no equivalent; reported for the caller.
    package var truncate: Bool

    /// Translates an `/api/embed` body (`input`: a string or an array of strings).
    package init(embed body: JSONValue) throws(GatehouseError) {
        let object = try Self.common(body)
        var inputs: [JSONValue]
        switch object["input"] {
        case nil, .null?: inputs = []
        case .string(let text)?: inputs = text.isEmpty ? [] : [.string(text)]
        case .array(let items)?:
            guard items.count <= Self.maxInputs else {
                throw .bad("input must have at most \(Self.maxInputs) entries")
            }
            for (index, item) in items.enumerated() where item.stringValue == nil {
                throw .bad("input[\(index)] must be a string")
            }
            inputs = items
        default: throw .bad("input must be a string or an array of strings")
        }
        try self.init(object, inputs: inputs, legacy: false)
        truncate = try ChatRequestFacts.optionalBool(object["truncate"], "truncate") ?? true
        if let dimensions = try ChatRequestFacts.positiveInt(object["dimensions"], "dimensions") {
            openAI["dimensions"] = .integer(Int64(dimensions))
        }
    }

    /// Translates a legacy `/api/embeddings` body (`prompt`: one string).
    package init(legacyEmbeddings body: JSONValue) throws(GatehouseError) {
        let object = try Self.common(body)
        let inputs: [JSONValue]
        switch object["prompt"] {
        case nil, .null?, .string("")?: inputs = []
        case .string(let text)?: inputs = [.string(text)]
        default: throw .bad("prompt must be a string")
        }
        try self.init(object, inputs: inputs, legacy: true)
    }

    private init(_ object: [String: JSONValue], inputs: [JSONValue], legacy: Bool) throws(GatehouseError) {
        model = try ChatRequestFacts.model(object["model"])
        keepAlive = try KeepAlive.parse(object["keep_alive"])
        var ignored: [String: JSONValue] = [:]
        try OllamaOptions.apply(object["options"], to: &ignored)
        inputCount = inputs.count
        self.legacy = legacy
        truncate = true
        openAI = [
            "model": .string(model),
            "input": legacy ? (inputs.first ?? "") : .array(inputs),
        ]
    }

    private static func common(_ body: JSONValue) throws(GatehouseError) -> [String: JSONValue] {
        guard let object = body.objectValue else { throw .bad("request body must be a JSON object") }
        return object
    }
}
