import GatehouseMCP
import HTTPTypes
import Hummingbird
import NIOCore

/// The HTTP answers of the MCP endpoint.
enum MCPResponse {
    /// A JSON-RPC message as `application/json`.
    static func json(_ message: RPCMessage, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: message.encoded)))
    }

    /// An HTTP error whose body is a JSON-RPC error without an id.
    static func error(_ status: HTTPResponse.Status, _ error: RPCError, id: RPCID? = nil) -> Response {
        json(.error(id: id, error: error), status: status)
    }

    /// 202: a notification or a response was taken.
    static var accepted: Response { Response(status: .accepted) }
}

/// A value, or the HTTP answer that refuses the request.
enum MCPChecked<Value: Sendable>: Sendable {
    case ok(Value)
    case refused(Response)
}
