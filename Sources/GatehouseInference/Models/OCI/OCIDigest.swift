package import Crypto
package import GatehouseCore

/// A validated content digest: `sha256:` followed by 64 lowercase hex digits.
///
/// Only SHA-256 is accepted; anything else (other algorithms, upper case, a wrong length) is
/// refused, so a digest can be used safely as a file name under `blobs/sha256/`.
package struct OCIDigest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    package let hex: String

    /// Validates `string` as `sha256:<64 lowercase hex>`.
    /// - Throws: `.badRequest` naming the rejected value (shortened).
    package init(validating string: String) throws(GatehouseError) {
        let prefix = "sha256:"
        guard string.hasPrefix(prefix) else {
            throw GatehouseError(.badRequest, "digest \"\(Self.excerpt(string))\" is not of the form sha256:<64 hex>")
        }
        let hex = string.dropFirst(prefix.count)
        guard hex.utf8.count == 64, hex.utf8.allSatisfy(Self.isLowerHex) else {
            throw GatehouseError(
                .badRequest, "digest \"\(Self.excerpt(string))\" must be sha256: and 64 lowercase hex digits")
        }
        self.hex = String(hex)
    }

    /// The digest of a finished SHA-256 hash.
    package init(_ digest: SHA256.Digest) {
        var hex = ""
        hex.reserveCapacity(64)
        for byte in digest {
            hex += String(byte >> 4, radix: 16) + String(byte & 0x0f, radix: 16)
        }
        self.hex = hex
    }

    /// The digest of `bytes`.
    package static func of<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> OCIDigest {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return OCIDigest(hasher.finalize())
    }

    /// `sha256:<hex>`.
    package var description: String { "sha256:" + hex }

    /// `sha256:` and the first 12 hex digits, for messages.
    package var short: String { "sha256:" + hex.prefix(12) }

    package static func < (lhs: OCIDigest, rhs: OCIDigest) -> Bool { lhs.hex < rhs.hex }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    private static func excerpt(_ string: String) -> String {
        let cleaned = String(
            string.unicodeScalars.prefix(80).map { $0.isASCII && $0.value >= 0x20 ? Character($0) : "?" })
        return string.unicodeScalars.count > 80 ? cleaned + "…" : cleaned
    }
}

extension OCIDigest: Codable {
    package init(from decoder: any Decoder) throws {
        let string = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try OCIDigest(validating: string)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
