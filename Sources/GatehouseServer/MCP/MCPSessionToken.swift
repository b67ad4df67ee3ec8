import Foundation
import GatehouseCore
import GatehouseIdentity

/// What an `Mcp-Session-Id` carries, sealed (AES-GCM) so a client can neither read nor alter it
/// and any replica holding the key can serve the session: whose it is (the principal and the
/// access token, so revoking the token ends it), the profile, the protocol version, and whether
/// the client can answer a server's own requests.
struct MCPSessionToken: Codable, Sendable, Hashable {
    /// The principal's key (issuer#subject).
    var principal: String
    /// The access token's id, when the client authenticated with one.
    var token: String?
    /// The profile.
    var profile: String
    /// The negotiated protocol version.
    var version: String
    /// Whether the client declared sampling or elicitation.
    var answers: Bool
    /// Unique per session (also its key in this node's session state).
    var nonce: String
    /// When it was created, microseconds.
    var created: Int64

    /// The protocol versions of the session-based transport Gatehouse speaks, newest first.
    static let versions = ["2025-11-25", "2025-06-18", "2025-03-26"]
    /// The stateless revision.
    static let statelessVersion = "2026-07-28"

    /// The version to answer `initialize` with: the client's when supported, else the newest.
    static func negotiate(_ requested: String?) -> String {
        requested.flatMap { versions.contains($0) ? $0 : nil } ?? versions[0]
    }
}

extension SealedHandle {
    /// Opens a session id; nil when it is not one of ours (tampered, truncated, foreign).
    func openSession(_ text: String) -> MCPSessionToken? {
        guard text.utf8.count <= 1024, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return try? open(text, as: MCPSessionToken.self)
    }
}
