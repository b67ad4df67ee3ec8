import Foundation
import GatehouseCore
import GatehouseMCP
import HTTPTypes
import Hummingbird

/// The stateless revision (2026-07-28): no session; each request carries its protocol version
/// and client capabilities in `_meta`, and mirrors its method and name in `Mcp-Method` and
/// `Mcp-Name`, which must match the body (a proxy may route or filter on them; a mismatch is
/// refused, so no one can show the policy one tool and call another).
extension MCPRoutes {
    static let metaVersion = "io.modelcontextprotocol/protocolVersion"
    static let metaCapabilities = "io.modelcontextprotocol/clientCapabilities"
    static let methodHeader = HTTPField.Name("Mcp-Method")!
    static let nameHeader = HTTPField.Name("Mcp-Name")!

    /// Whether a request without a session speaks the stateless revision.
    static func isStateless(_ message: RPCMessage, _ request: Request) -> Bool {
        if request.headers[versionHeader] == MCPSessionToken.statelessVersion { return true }
        switch message {
        case .request(_, let method, let params), .notification(let method, let params):
            return method != "initialize" && params?["_meta"]?[metaVersion] != nil
        default:
            return false
        }
    }

    func stateless(_ message: RPCMessage, _ request: Request, _ caller: Caller, _ profile: String) async throws
        -> Response
    {
        guard case .request(let id, let method, let params) = message else {
            // Notifications need no answer; responses have no request to belong to.
            return MCPResponse.accepted
        }
        if let refusal = Self.checkHeaders(id, method, params, request) { return refusal }
        let mcpProfile: MCPProfile
        switch await self.profile(profile, id: id) {
        case .refused(let response): return response
        case .ok(let found): mcpProfile = found
        }
        let traceID = Self.traceID(of: request)
        // No session remembers the profile's grant: each request is decided (and recorded).
        do {
            let grant = Spine.Request(
                authorization: nil, traceparent: nil, action: Action(.toolProfile, resource: profile))
            try await spine.authorize(caller, grant, traceID: traceID) { _, _ in }
        } catch let error as GatehouseError {
            return MCPResponse.error(.forbidden, .forbidden(error.message), id: id)
        }
        if method == "server/discover" {
            return MCPResponse.json(.result(id: id, result: Self.discovery))
        }
        let env = MCPCallEnvironment(
            caller: caller, profile: mcpProfile, answers: false, traceID: traceID, stream: nil, nonce: nil)
        let answer = await dispatch(id, method, params, env)
        switch answer {
        case .error(_, let error) where error.code == -32601:
            return MCPResponse.json(answer, status: .notFound)
        case .error(let id, var error) where error.code == -32002:
            // This revision reports a missing resource as invalid parameters.
            error.code = -32602
            return MCPResponse.json(.error(id: id, error: error))
        case .result(let id, var result):
            result["resultType"] = "complete"
            var meta = result["_meta"]?.objectValue ?? [:]
            meta[MCPRoutes.metaServerInfo] = Self.serverInfo
            result["_meta"] = .object(meta)
            if method.hasSuffix("/list") {
                // Lists depend on the caller's policy: a client may keep them a minute, privately.
                result["ttlMs"] = 60_000
                result["cacheScope"] = "private"
            }
            return MCPResponse.json(.result(id: id, result: result))
        default:
            return MCPResponse.json(answer)
        }
    }

    static let metaServerInfo = "io.modelcontextprotocol/serverInfo"

    /// What `server/discover` answers.
    static var discovery: JSONValue {
        [
            "resultType": "complete",
            "supportedVersions": .array(
                ([MCPSessionToken.statelessVersion] + MCPSessionToken.versions).map { .string($0) }),
            "capabilities": capabilities,
            "_meta": [metaServerInfo: serverInfo],
            "instructions":
                "Gatehouse governs these tools: calls are checked against policy, scanned for secrets and audited.",
            "ttlMs": 60_000,
            "cacheScope": "private",
        ]
    }

    /// The version and mirrored headers of a stateless request, checked against its body.
    static func checkHeaders(_ id: RPCID, _ method: String, _ params: JSONValue?, _ request: Request) -> Response? {
        func refuse(_ error: RPCError) -> Response { MCPResponse.error(.badRequest, error, id: id) }
        guard let version = params?["_meta"]?[metaVersion]?.stringValue,
            params?["_meta"]?[metaCapabilities]?.objectValue != nil
        else {
            return refuse(
                .invalidParams("_meta must carry \(metaVersion) and \(metaCapabilities) in the stateless protocol"))
        }
        guard version == MCPSessionToken.statelessVersion else {
            return refuse(
                .unsupportedVersion(
                    requested: version, supported: [MCPSessionToken.statelessVersion] + MCPSessionToken.versions))
        }
        guard request.headers[versionHeader] == version else {
            return refuse(.headerMismatch("Header mismatch: MCP-Protocol-Version does not match _meta"))
        }
        guard let methodHeader = request.headers[methodHeader].map(decodeHeader), methodHeader == method else {
            return refuse(
                .headerMismatch("Header mismatch: Mcp-Method header value does not match body value '\(method)'"))
        }
        let name: String? =
            switch method {
            case "tools/call", "prompts/get": params?["name"]?.stringValue
            case "resources/read": params?["uri"]?.stringValue
            default: nil
            }
        if let name {
            guard let header = request.headers[nameHeader].map(decodeHeader), header == name else {
                return refuse(.headerMismatch("Header mismatch: Mcp-Name header value does not match body value"))
            }
        }
        return nil
    }

    /// A header value, decoded from `=?base64?…?=` when sent that way.
    static func decodeHeader(_ value: String) -> String {
        guard value.hasPrefix("=?base64?"), value.hasSuffix("?="), value.count >= 11,
            let data = Data(base64Encoded: String(value.dropFirst(9).dropLast(2)))
        else { return value }
        return String(decoding: data, as: UTF8.self)
    }
}
