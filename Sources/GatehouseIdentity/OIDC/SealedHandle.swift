import Crypto
import Foundation
public import GatehouseCore

/// State a client carries between two requests, sealed with AES-GCM under a server key so
/// that it can be neither read nor altered, and any replica holding the key can open it.
public struct SealedHandle: Sendable {
    private let key: SymmetricKey

    /// Derives the sealing key from `secret` for one `purpose` (HKDF-SHA256).
    public init(secret: [UInt8], purpose: String) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Data("gatehouse handle v1 \(purpose)".utf8),
            outputByteCount: 32)
    }

    /// Seals `value` as base64url text.
    public func seal(_ value: some Encodable) throws -> String {
        let box = try AES.GCM.seal(try JSONEncoder().encode(value), using: key)
        guard let combined = box.combined else { throw GatehouseError(.internal, "sealing failed") }
        return Base64URL.encode(combined)
    }

    /// Opens a handle; any tampering, truncation or a foreign key is a `badRequest`.
    public func open<T: Decodable>(_ text: String, as type: T.Type) throws(GatehouseError) -> T {
        guard text.utf8.count <= 4_096, let data = Base64URL.decode(text),
            let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key),
            let value = try? JSONDecoder().decode(T.self, from: plain)
        else { throw GatehouseError(.badRequest, "the handle is not valid") }
        return value
    }
}
