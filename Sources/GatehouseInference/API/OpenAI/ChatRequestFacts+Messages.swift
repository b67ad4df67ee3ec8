import GatehouseCore

/// Validation of `messages` and `prompt`, measuring their text on the way.
extension ChatRequestFacts {
    /// The roles OpenAI chat messages may have.
    package static let roles: Set<String> = ["system", "developer", "user", "assistant", "tool"]
    private static let roleList = "system, developer, user, assistant, tool"

    /// Checks the structure of `messages`; returns their count and the UTF-8 size of their text.
    static func checkMessages(_ messages: JSONValue) throws(GatehouseError) -> (count: Int, bytes: Int) {
        guard let items = messages.arrayValue, !items.isEmpty else {
            throw .bad("messages must be a non-empty array")
        }
        guard items.count <= maxMessages else { throw .bad("messages must have at most \(maxMessages) entries") }
        var bytes = 0
        for (index, item) in items.enumerated() {
            let path = "messages[\(index)]"
            guard let message = item.objectValue else { throw .bad("\(path) must be an object") }
            guard let role = message["role"]?.stringValue, roles.contains(role) else {
                throw .bad("\(path).role must be one of \(roleList)")
            }
            bytes += try contentBytes(message["content"], path: "\(path).content")
        }
        return (items.count, bytes)
    }

    /// The UTF-8 size of a message's content: a string, an array of parts (text parts counted),
    /// or null/absent.
    static func contentBytes(_ content: JSONValue?, path: String) throws(GatehouseError) -> Int {
        switch content {
        case nil, .null?: return 0
        case .string(let text)?: return text.utf8.count
        case .array(let parts)?:
            var bytes = 0
            for (index, part) in parts.enumerated() {
                guard let members = part.objectValue else { throw .bad("\(path)[\(index)] must be an object") }
                guard let type = members["type"]?.stringValue else {
                    throw .bad("\(path)[\(index)].type must be a string")
                }
                guard type == "text" else { continue }
                guard let text = members["text"]?.stringValue else {
                    throw .bad("\(path)[\(index)].text must be a string")
                }
                bytes += text.utf8.count
            }
            return bytes
        default:
            throw .bad("\(path) must be a string, an array or null")
        }
    }

    /// The UTF-8 size of a completions `prompt`: a string or an array of strings.
    static func promptBytes(_ prompt: JSONValue) throws(GatehouseError) -> Int {
        if let text = prompt.stringValue { return text.utf8.count }
        guard let items = prompt.arrayValue, items.count <= maxMessages else {
            throw .bad("prompt must be a string or an array of at most \(maxMessages) strings")
        }
        var bytes = 0
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue else { throw .bad("prompt[\(index)] must be a string") }
            bytes += text.utf8.count
        }
        return bytes
    }
}
