import Foundation

/// A JSON-RPC id as it was written: a number or a string.
enum RPCID: Hashable, Sendable, Decodable {
    case integer(Int64)
    case number(Double)
    case string(String)

    /// Reads an id: an integer when it is one, else a number, else a string.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// The id as JSON.
    var json: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): JSONText.quoted(value)
        }
    }
}

/// What the bridge needs to know of a JSON-RPC message (or batch) without changing a byte of it:
/// the requests it makes, the responses it carries, and a negotiated protocol version.
struct RPCEnvelope: Sendable {
    /// The ids of its requests (messages with a method and an id), which expect answers.
    var requestIDs: [RPCID] = []
    /// The ids of its responses (results and errors).
    var responseIDs: [RPCID] = []
    /// Its methods (requests' and notifications').
    var methods: [String] = []
    /// `result.protocolVersion`, when a response carries one (the answer to `initialize`).
    var protocolVersion: String?
    /// The first error it carries, when it is an error response.
    var error: RPCErrorObject?

    /// Whether it is (or holds) an `initialize` request.
    var isInitialize: Bool { methods.contains("initialize") }

    /// Reads a message or a batch; nil when `data` is neither (not JSON, or not objects).
    init?(_ data: Data) {
        let decoder = JSONDecoder()
        let messages: [Message]
        if let one = try? decoder.decode(Message.self, from: data) {
            messages = [one]
        } else if let batch = try? decoder.decode([Message].self, from: data), !batch.isEmpty {
            messages = batch
        } else {
            return nil
        }
        for message in messages {
            if let method = message.method {
                methods.append(method)
                if let id = message.id { requestIDs.append(id) }
            } else if let id = message.id {
                responseIDs.append(id)
            }
            protocolVersion = protocolVersion ?? message.protocolVersion
            error = error ?? message.error
        }
    }

    /// The parts of one message the bridge reads.
    private struct Message: Decodable {
        let id: RPCID?
        let method: String?
        let protocolVersion: String?
        let error: RPCErrorObject?

        enum Keys: String, CodingKey { case id, method, result, error }
        enum ResultKeys: String, CodingKey { case protocolVersion }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            id = try container.decodeIfPresent(RPCID.self, forKey: .id)
            method = try container.decodeIfPresent(String.self, forKey: .method)
            let result = try? container.nestedContainer(keyedBy: ResultKeys.self, forKey: .result)
            protocolVersion = try? result?.decodeIfPresent(String.self, forKey: .protocolVersion)
            error = try? container.decodeIfPresent(RPCErrorObject.self, forKey: .error)
        }
    }
}

/// A JSON-RPC error object's code and message.
struct RPCErrorObject: Decodable, Sendable {
    /// The error code (-32603 is an internal error).
    let code: Int
    /// The message.
    let message: String
}

/// JSON text the bridge writes itself.
enum JSONText {
    /// A JSON-RPC error response, on one line.
    static func errorResponse(id: RPCID?, code: Int, message: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id?.json ?? "null"),"error":{"code":\#(code),"message":\#(quoted(message))}}"#
    }

    /// A string as a JSON string literal, which is also a TOML basic string: quotes, backslashes
    /// and control characters (DEL too, which TOML requires) are escaped; nothing else is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON message on one line: line breaks outside strings are whitespace in JSON (inside
    /// strings they must be escaped), so they become spaces; surrounding whitespace goes.
    static func oneLine(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var line = bytes.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
        while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
        let start = line.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? line.endIndex
        return Array(line[start...])
    }
}
