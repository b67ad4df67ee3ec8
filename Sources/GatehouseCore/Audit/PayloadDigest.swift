import Crypto
public import Foundation

/// How a payload is recorded in the audit trail: its shape (structure and types, no values)
/// and its SHA-256, never its contents.
public struct PayloadDigest: Sendable, Hashable, Codable {
    /// The structure with values replaced by their type, e.g. `{"model":string,"n":number}`.
    public var shape: String
    /// SHA-256 of the payload bytes, hex.
    public var sha256: String

    /// Creates a digest from its parts.
    public init(shape: String, sha256: String) {
        self.shape = shape
        self.sha256 = sha256
    }

    /// Digests raw bytes; the shape is derived when they are JSON, else `bytes(N)`.
    public init(bytes: some DataProtocol) {
        let data = Data(bytes)
        self.sha256 = Hex.encode(SHA256.hash(data: data))
        if let value = JSONShape(parsing: data) {
            self.shape = value.description
        } else {
            self.shape = "bytes(\(data.count))"
        }
    }

    /// Digests a value already parsed: the SHA-256 of its compact encoding (what
    /// ``init(bytes:)`` of that encoding gives) and its shape, without parsing it again.
    public init(json value: JSONValue) {
        self.sha256 = Hex.encode(SHA256.hash(data: value.encoded))
        self.shape = JSONShape(value).description
    }

    /// Digests a string-keyed parameter set (query parameters, form fields). The shape names
    /// at most 64 keys, escaped and cut to 64 characters each.
    public init(parameters: [String: String]) {
        let keys = parameters.keys.sorted()
        var hasher = SHA256()
        for key in keys {
            // Length-prefixed, so that no two parameter sets hash alike.
            for part in [key, parameters[key] ?? ""] {
                hasher.update(data: Array("\(part.utf8.count):".utf8))
                hasher.update(data: Array(part.utf8))
            }
        }
        self.sha256 = Hex.encode(hasher.finalize())
        var parts = keys.prefix(JSONShape.maxKeys).map { "\(JSONShape.quoted($0)):string" }
        if keys.count > JSONShape.maxKeys { parts.append("…+\(keys.count - JSONShape.maxKeys)") }
        self.shape = "{" + parts.joined(separator: ",") + "}"
    }
}
