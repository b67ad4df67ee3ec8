import Foundation
import GatehouseCore
import Hummingbird

/// A console form's fields (`application/x-www-form-urlencoded`), read with limits: at most
/// 16 KiB, 32 fields, and each name once.
struct ConsoleForm: Sendable {
    /// The largest form body accepted.
    static let maxBody = 16 * 1024

    let fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads and parses the request's body; a malformed form is `bad_request` naming what
    /// was wrong.
    static func read(_ request: Request) async throws -> ConsoleForm {
        var request = request
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw GatehouseError(.badRequest, "the form must be sent as application/x-www-form-urlencoded")
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBody)
        } catch {
            throw GatehouseError(.payloadTooLarge, "the form is larger than \(maxBody) bytes")
        }
        return try parse(String(buffer: body))
    }

    /// Parses `a=1&b=two+words`.
    static func parse(_ text: String) throws -> ConsoleForm {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), !name.isEmpty, let value = decode(parts.count > 1 ? parts[1] : "")
            else { throw GatehouseError(.badRequest, "the form has a field that is not valid percent-encoding") }
            guard fields[name] == nil else {
                throw GatehouseError(.badRequest, "the form repeats the field \(name.prefix(40))")
            }
            guard fields.count < 32 else { throw GatehouseError(.badRequest, "the form has more than 32 fields") }
            fields[name] = value
        }
        return ConsoleForm(fields: fields)
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
