import Foundation
import GatehouseCore

/// What an upstream's failure answer becomes for the caller: the upstream's own message where it
/// explains the caller's mistake (a bad parameter, a context too long), a plain statement where it
/// concerns Gatehouse's credentials; the endpoint's key is cut out of anything quoted.
enum UpstreamFailure {
    /// The error for an answer with `status` and (part of) its `body`.
    static func error(status: Int, body: Data?, endpoint: UpstreamEndpoint) -> GatehouseError {
        let quoted = message(in: body).map { redact($0, key: endpoint.apiKey) }
        let said = quoted.map { ": " + $0 } ?? ""
        switch status {
        case 401, 403:
            return GatehouseError(
                .upstreamFailed, "the upstream \(endpoint.name) refused Gatehouse's credentials (HTTP \(status))")
        case 429:
            return GatehouseError(.rateLimited, "the upstream \(endpoint.name) is rate limiting (HTTP 429)\(said)")
        case 400, 404, 413, 422:
            return GatehouseError(.badRequest, "\(endpoint.name) refused the request (HTTP \(status))\(said)")
        default:
            let code: GatehouseError.Code = endpoint.isLocal ? .engineUnavailable : .upstreamFailed
            return GatehouseError(code, "\(endpoint.name) failed (HTTP \(status))\(said)")
        }
    }

    /// The `error.message` (or `error`, or `detail`) of a JSON error body, at most 500 characters.
    static func message(in body: Data?) -> String? {
        guard let body, let json = JSONValue.parse(body) else { return nil }
        let text =
            json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue ?? json["detail"]?.stringValue
            ?? json["message"]?.stringValue
        guard let text, !text.isEmpty else { return nil }
        return String(text.unicodeScalars.filter { $0.value >= 0x20 }.prefix(500).map(Character.init))
    }

    /// `text` with the key, and any run of its last 8 characters, replaced.
    static func redact(_ text: String, key: String?) -> String {
        guard let key, key.count >= 8 else { return text }
        return text.replacingOccurrences(of: key, with: "[redacted]")
            .replacingOccurrences(of: String(key.suffix(8)), with: "[redacted]")
            .replacingOccurrences(of: String(key.prefix(8)), with: "[redacted]")
    }
}
