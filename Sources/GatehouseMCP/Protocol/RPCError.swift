public import GatehouseCore

/// A JSON-RPC error object. Messages are written by Gatehouse or relayed from a tool server
/// after the secret scan; they never carry a credential.
public struct RPCError: Error, Sendable, Hashable {
    /// The JSON-RPC code.
    public var code: Int64
    /// A message for people.
    public var message: String
    /// Structured details.
    public var data: JSONValue?

    /// Creates an error.
    public init(code: Int64, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The error as JSON.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["code": .integer(code), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }

    /// Not JSON (-32700).
    public static func parse(_ message: String) -> RPCError { RPCError(code: -32700, message: message) }
    /// Not a valid request (-32600).
    public static func invalidRequest(_ message: String) -> RPCError { RPCError(code: -32600, message: message) }
    /// No such method (-32601).
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: -32601, message: "Method not found: \(method)")
    }
    /// Bad parameters (-32602), also an unknown tool or an unsupported version.
    public static func invalidParams(_ message: String, data: JSONValue? = nil) -> RPCError {
        RPCError(code: -32602, message: message, data: data)
    }
    /// A failure inside Gatehouse or a tool server (-32603).
    public static func internalError(_ message: String) -> RPCError { RPCError(code: -32603, message: message) }
    /// Refused by Gatehouse's policy (-32001, in the implementation-defined range).
    public static func forbidden(_ message: String) -> RPCError { RPCError(code: -32001, message: message) }
    /// Blocked because it carried a secret (-32003).
    public static func secretBlocked(_ message: String) -> RPCError { RPCError(code: -32003, message: message) }
    /// The tool server did not answer in time (-32004).
    public static func timeout(_ message: String) -> RPCError { RPCError(code: -32004, message: message) }
    /// The code of ``undelivered(_:)``.
    public static let undeliveredCode: Int64 = -32005
    /// The request never reached the tool server (it had stopped); trying again on another
    /// process is safe.
    public static func undelivered(_ message: String) -> RPCError { RPCError(code: undeliveredCode, message: message) }
    /// A header disagrees with the body (-32020, 2026-07-28).
    public static func headerMismatch(_ message: String) -> RPCError { RPCError(code: -32020, message: message) }
    /// A protocol version Gatehouse does not speak (-32022, 2026-07-28).
    public static func unsupportedVersion(requested: String, supported: [String]) -> RPCError {
        RPCError(
            code: -32022, message: "Unsupported protocol version: \(requested)",
            data: ["supported": .array(supported.map { .string($0) }), "requested": .string(requested)])
    }
}
