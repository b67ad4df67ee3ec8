import ArgumentParser
import Foundation

extension MCPCommand {
    /// `gatehouse mcp call`: `POST /api/v1/mcp/call`.
    struct Call: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Call one tool through the gateway; prints its text and exits 1 when the tool reports an error.")

        @OptionGroup var server: ServerOptions
        @Argument(help: ArgumentHelp("The tool server, as the catalog names it.", valueName: "server"))
        var serverName: String
        @Argument(help: ArgumentHelp("The tool, as its server names it.", valueName: "tool")) var tool: String
        @Option(help: "The tool's arguments, a JSON object (default: {}).") var args = "{}"
        @OptionGroup var profile: MCPProfileOption
        @Flag(help: "Print the server's JSON.") var json = false

        func validate() throws {
            _ = try Self.arguments(args)
        }

        /// `text` when it is a JSON object, as the bytes to send (unchanged: numbers keep every
        /// digit); otherwise an error saying what it is.
        static func arguments(_ text: String) throws -> Data {
            let data = Data(text.utf8)
            let value: JSONShape
            do {
                value = try JSONDecoder().decode(JSONShape.self, from: data)
            } catch {
                throw ValidationError("--args is not valid JSON: \(JSONShape.reason(data, error))")
            }
            guard value == .object else {
                throw ValidationError(
                    "--args must be a JSON object, like '{\"timezone\": \"UTC\"}', not \(value.rawValue)")
            }
            return data
        }

        /// The server's answer: `{"result": CallToolResult}`, the parts printed.
        struct Answer: Decodable {
            struct Content: Decodable {
                struct Resource: Decodable {
                    let uri: String?
                    let text: String?
                    let mimeType: String?
                }
                let type: String
                let text: String?
                let mimeType: String?
                let uri: String?
                let resource: Resource?
            }
            struct Result: Decodable {
                let content: [Content]?
                let isError: Bool?
            }
            let result: Result
        }

        func run() async throws {
            let arguments = try Self.arguments(args)
            var body = Data(
                #"{"server":\#(JSONText.quoted(serverName)),"tool":\#(JSONText.quoted(tool)),"profile":\#(JSONText.quoted(profile.profile)),"arguments":"#
                    .utf8)
            body.append(arguments)
            body.append(contentsOf: Array("}".utf8))
            var failed = false
            try await MCPCommand.reporting {
                let data = try await MCPAPI(client: try server.client()).post("api/v1/mcp/call", json: body)
                let answer = try MCPCommand.decode(Answer.self, from: data)
                failed = answer.result.isError == true
                guard !json else {
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                let lines = Self.text(of: answer.result.content ?? [], structured: data)
                for line in lines { failed ? printError(line) : print(line) }
            }
            if failed { throw ExitCode(1) }
        }

        /// What to print of a result: the text contents as they are, a placeholder for each other
        /// kind, and the structured content when there is nothing else.
        static func text(of content: [Answer.Content], structured data: Data) -> [String] {
            var lines: [String] = []
            for item in content {
                switch item.type {
                case "text": lines.append(item.text ?? "")
                case "resource":
                    if let text = item.resource?.text {
                        lines.append(text)
                    } else {
                        lines.append("[resource \(item.resource?.uri ?? "") \(item.resource?.mimeType ?? "")]")
                    }
                case "resource_link": lines.append("[resource link \(item.uri ?? "")]")
                default: lines.append("[\(item.type) \(item.mimeType ?? "")]")
                }
            }
            if lines.isEmpty,
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let result = object["result"] as? [String: Any], let structured = result["structuredContent"],
                let text = try? JSONSerialization.data(
                    withJSONObject: structured, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed])
            {
                lines.append(String(decoding: text, as: UTF8.self))
            }
            return lines
        }
    }
}

/// The kind of a JSON value, read to check a value without converting it.
enum JSONShape: String, Decodable {
    case object = "an object"
    case array = "an array"
    case string = "a string"
    case number = "a number"
    case boolean = "a boolean"
    case null = "null"

    /// Reads the kind of any JSON value.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if (try? container.decode(Bool.self)) != nil {
            self = .boolean
        } else if (try? container.decode(Double.self)) != nil {
            self = .number
        } else if (try? container.decode(String.self)) != nil {
            self = .string
        } else if (try? container.decode([JSONShape].self)) != nil {
            self = .array
        } else {
            _ = try container.decode([String: JSONShape].self)
            self = .object
        }
    }

    /// Why `data` did not parse as JSON: JSONSerialization's words, which say where (the
    /// decoder's only say that it did not).
    static func reason(_ data: Data, _ error: any Error) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }
}
