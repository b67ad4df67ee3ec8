package import GatehouseCore

/// A validated local model name such as `smollm2:latest` or `ai/smollm2:135m-q4`.
///
/// Lowercase letters and digits with `.`, `_`, `-`, `/` and `:` as separators; at most
/// ``maximumLength`` characters; no `..`, no empty path component, starting and ending with a
/// letter or digit. A name without a tag (no `:` after the last `/`) gets `:latest`.
package struct ModelName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The longest accepted name, tag included.
    package static let maximumLength = 200

    /// The full name with its tag.
    package let value: String

    /// Validates `raw` and adds `:latest` when it has no tag.
    /// - Throws: `.badRequest` saying which rule the name breaks.
    package init(validating raw: String) throws(GatehouseError) {
        func reject(_ why: String) -> GatehouseError {
            let shown = raw.count > 60 ? String(raw.prefix(60)) + "…" : raw
            return GatehouseError(.badRequest, "model name \"\(shown)\" \(why)")
        }
        guard !raw.isEmpty else { throw GatehouseError(.badRequest, "model name is empty") }
        guard raw.utf8.allSatisfy(Self.isAllowed) else {
            throw reject("may hold only lowercase letters, digits and the separators . _ - / :")
        }
        guard !raw.contains("..") else { throw reject("must not contain \"..\"") }
        guard let first = raw.utf8.first, let last = raw.utf8.last, Self.isAlphanumeric(first),
            Self.isAlphanumeric(last)
        else { throw reject("must start and end with a letter or digit") }
        let components = raw.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.contains(where: \.isEmpty) else { throw reject("has an empty path component") }
        let lastComponent = components[components.count - 1]
        let colons = lastComponent.filter { $0 == ":" }.count
        guard colons <= 1 else { throw reject("has more than one tag") }
        if components.dropLast().contains(where: { $0.contains(":") }) {
            throw reject("has a \":\" before the last \"/\"")
        }
        let full = colons == 0 ? raw + ":latest" : raw
        guard full.utf8.count <= Self.maximumLength else {
            throw reject("is longer than \(Self.maximumLength) characters")
        }
        value = full
    }

    /// The part before the tag, e.g. `ai/smollm2`.
    package var repository: String { String(value[..<tagSeparator]) }
    /// The tag, e.g. `latest`.
    package var tag: String { String(value[value.index(after: tagSeparator)...]) }

    package var description: String { value }

    package static func < (lhs: ModelName, rhs: ModelName) -> Bool { lhs.value < rhs.value }

    private var tagSeparator: String.Index { value.lastIndex(of: ":")! }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == 0x2e || byte == 0x5f || byte == 0x2d || byte == 0x2f || byte == 0x3a
    }
}

extension ModelName: Codable {
    package init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try ModelName(validating: raw)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
