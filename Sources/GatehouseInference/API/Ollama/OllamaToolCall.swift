import Foundation
import GatehouseCore

/// OpenAI tool calls to Ollama ones (arguments as objects).
enum OllamaToolCall {
    /// The largest arguments string accepted from an engine.
    static let maxArgumentBytes = 1 << 20

    /// One complete OpenAI tool call as an Ollama one.
    static func fromOpenAI(_ call: JSONValue, index: Int, path: String) throws(GatehouseError) -> JSONValue {
        let here = "\(path)[\(index)]"
        guard let name = call["function"]?["name"]?.stringValue, !name.isEmpty else {
            throw .engine("\(here).function.name must be a non-empty string")
        }
        let arguments: JSONValue
        switch call["function"]?["arguments"] {
        case nil, .null?: arguments = [:]
        case .object(let members)?: arguments = .object(members)
        case .string(let text)?: arguments = try parseArguments(text, path: "\(here).function.arguments")
        default: throw .engine("\(here).function.arguments must be a JSON string")
        }
        return make(id: call["id"]?.stringValue, index: index, name: name, arguments: arguments)
    }

    /// An Ollama tool call.
    static func make(id: String?, index: Int, name: String, arguments: JSONValue) -> JSONValue {
        var call: [String: JSONValue] = [
            "function": ["index": .integer(Int64(index)), "name": .string(name), "arguments": arguments]
        ]
        if let id, !id.isEmpty { call["id"] = .string(id) }
        return .object(call)
    }

    /// Parses an arguments string that must hold a JSON object; blank means no arguments.
    static func parseArguments(_ text: String, path: String) throws(GatehouseError) -> JSONValue {
        if text.allSatisfy(\.isWhitespace) { return [:] }
        guard text.utf8.count <= maxArgumentBytes else {
            throw .engine("\(path) exceeds \(maxArgumentBytes) bytes")
        }
        guard let value = JSONValue.parse(Data(text.utf8)), value.objectValue != nil else {
            throw .engine("\(path) is not a JSON object")
        }
        return value
    }
}
