import Crypto
public import Foundation
public import GatehouseCore

/// A content digest, `algorithm:hex` (OCI image spec, "Digests"): sha256 or sha512, lower-case
/// hex of the exact length. Anything else is refused before it reaches a path or a URL.
public struct Digest: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The supported algorithms.
    public enum Algorithm: String, Sendable, Hashable {
        case sha256, sha512

        /// Hex characters in an encoded digest.
        var hexLength: Int { self == .sha256 ? 64 : 128 }
    }

    /// The algorithm.
    public let algorithm: Algorithm
    /// The encoded value, lower-case hex.
    public let hex: String

    /// Parses `sha256:<64 hex>` or `sha512:<128 hex>`.
    public init(parsing text: some StringProtocol) throws(GatehouseError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let algorithm = Algorithm(rawValue: String(parts[0])) else {
            throw GatehouseError(
                .ociDigestInvalid, "expected a digest like sha256:<hex>, got \(String(text.prefix(80)))")
        }
        let hex = parts[1]
        guard hex.utf8.count == algorithm.hexLength,
            hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else {
            throw GatehouseError(
                .ociDigestInvalid,
                "the \(algorithm.rawValue) digest must be \(algorithm.hexLength) lower-case hex digits")
        }
        self.algorithm = algorithm
        self.hex = String(hex)
    }

    private init(algorithm: Algorithm, hex: String) {
        self.algorithm = algorithm
        self.hex = hex
    }

    /// The sha256 digest of `bytes`.
    public static func sha256(of bytes: some Sequence<UInt8>) -> Digest {
        var hasher = DigestHasher(.sha256)
        hasher.update(Array(bytes))
        return hasher.finalize()
    }

    /// `algorithm:hex`.
    public var description: String { "\(algorithm.rawValue):\(hex)" }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.description < rhs.description }

    /// Made by ``DigestHasher``.
    static func computed(_ algorithm: Algorithm, hex: String) -> Digest { Digest(algorithm: algorithm, hex: hex) }
}

/// Hashes a stream of bytes for one algorithm, so a blob is verified while it arrives.
public struct DigestHasher: Sendable {
    private var sha256 = SHA256()
    private var sha512 = SHA512()
    /// The algorithm.
    public let algorithm: Digest.Algorithm
    /// Bytes seen so far.
    public private(set) var count: Int64 = 0

    /// A hasher for `algorithm`.
    public init(_ algorithm: Digest.Algorithm) { self.algorithm = algorithm }

    /// Adds bytes.
    public mutating func update(_ bytes: some DataProtocol) {
        for region in bytes.regions { region.withUnsafeBytes { update($0) } }
    }

    /// Adds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        count += Int64(bytes.count)
        switch algorithm {
        case .sha256: sha256.update(bufferPointer: bytes)
        case .sha512: sha512.update(bufferPointer: bytes)
        }
    }

    /// The digest of everything added.
    public func finalize() -> Digest {
        let bytes: [UInt8] =
            switch algorithm {
            case .sha256: Array(sha256.finalize())
            case .sha512: Array(sha512.finalize())
            }
        return .computed(algorithm, hex: Hex.encode(bytes))
    }
}
