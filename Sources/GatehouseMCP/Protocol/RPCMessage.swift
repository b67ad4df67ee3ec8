public import Foundation
public import GatehouseCore

/// One JSON-RPC 2.0 message, as MCP uses them: a request, a notification, or a response (a
/// result or an error). Parameters and results stay JSON so that nothing a peer sent is lost
/// on the way through the gateway.
public enum RPCMessage: Sendable, Hashable {
    case request(id: RPCID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case result(id: RPCID, result: JSONValue)
    case error(id: RPCID?, error: RPCError)

    /// The method of a request or notification.
    public var method: String? {
        switch self {
        case .request(_, let method, _), .notification(let method, _): method
        case .result, .error: nil
        }
    }

    /// The id of a request or response.
    public var id: RPCID? {
        switch self {
        case .request(let id, _, _), .result(let id, _): id
        case .error(let id, _): id
        case .notification: nil
        }
    }

    /// The message as JSON.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["jsonrpc": "2.0"]
        switch self {
        case .request(let id, let method, let params):
            object["id"] = id.json
            object["method"] = .string(method)
            if let params { object["params"] = params }
        case .notification(let method, let params):
            object["method"] = .string(method)
            if let params { object["params"] = params }
        case .result(let id, let result):
            object["id"] = id.json
            object["result"] = result
        case .error(let id, let error):
            object["id"] = id?.json ?? .null
            object["error"] = error.json
        }
        return .object(object)
    }

    /// The compact encoding (one line: JSON never needs a raw newline).
    public var encoded: Data { json.encoded }

    /// Reads one message. Batches are refused (MCP 2025-06-18 and later have none), as is
    /// anything that is not a JSON-RPC 2.0 object. The error names what was wrong.
    public static func decode(_ data: Data) throws(RPCError) -> RPCMessage {
        guard let value = JSONValue.parse(data) else { throw .parse("the message is not JSON") }
        return try decode(value)
    }

    /// Reads one message from parsed JSON.
    public static func decode(_ value: JSONValue) throws(RPCError) -> RPCMessage {
        guard let object = value.objectValue else {
            if value.arrayValue != nil { throw .invalidRequest("JSON-RPC batches are not supported") }
            throw .invalidRequest("a JSON-RPC message must be an object")
        }
        guard object["jsonrpc"] == "2.0" else { throw .invalidRequest("\"jsonrpc\" must be \"2.0\"") }
        let params = object["params"]
        if let params, params.objectValue == nil, params.arrayValue == nil {
            throw .invalidRequest("\"params\" must be an object or an array")
        }
        if let method = object["method"] {
            guard let name = method.stringValue, !name.isEmpty else {
                throw .invalidRequest("\"method\" must be a non-empty string")
            }
            guard let rawID = object["id"] else { return .notification(method: name, params: params) }
            guard let id = RPCID(rawID) else {
                throw .invalidRequest("a request id must be a string or an integer")
            }
            return .request(id: id, method: name, params: params)
        }
        let id = object["id"].flatMap(RPCID.init)
        if let error = object["error"] {
            guard let code = error["code"]?.intValue, let message = error["message"]?.stringValue else {
                throw .invalidRequest("an error response needs a numeric code and a message")
            }
            return .error(id: id, error: RPCError(code: code, message: message, data: error["data"]))
        }
        if let result = object["result"] {
            guard let id else { throw .invalidRequest("a result needs the id of its request") }
            return .result(id: id, result: result)
        }
        throw .invalidRequest("a JSON-RPC message needs a method, a result or an error")
    }
}
