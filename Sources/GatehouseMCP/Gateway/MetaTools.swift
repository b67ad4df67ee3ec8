public import GatehouseCore

/// The gateway's own tools, offered when a profile has more tools than a client should be
/// shown at once: search the tools, then call one found. Both act only within what the caller
/// may use; a call through them is decided, scanned and audited as the tool itself.
public enum MetaTools {
    /// Searches the caller's tools.
    public static let find = "gatehouse__find_tools"
    /// Calls a tool by its exposed name.
    public static let call = "gatehouse__call_tool"

    /// Their definitions.
    public static let definitions: [JSONValue] = [
        [
            "name": .string(find),
            "description":
                "Search the tools available to you by what they do. Returns the best matches with their input schemas; call one with gatehouse__call_tool.",
            "inputSchema": [
                "type": "object",
                "properties": [
                    "query": ["type": "string", "description": "Words describing the task"],
                    "limit": [
                        "type": "integer", "description": "Most results (default 10)", "minimum": 1, "maximum": 50,
                    ],
                ],
                "required": ["query"],
            ],
            "annotations": ["readOnlyHint": true],
        ],
        [
            "name": .string(call),
            "description": "Call a tool found with gatehouse__find_tools, by its name, with its arguments.",
            "inputSchema": [
                "type": "object",
                "properties": [
                    "name": ["type": "string", "description": "The tool's name as found"],
                    "arguments": ["type": "object", "description": "The tool's arguments"],
                ],
                "required": ["name"],
            ],
        ],
    ]

    /// The tools best matching `query`: each word found in the name counts 3, in the server's
    /// name 2, in the description 1; ties keep profile order.
    public static func search(_ query: String, in tools: [ExposedTool], limit: Int) -> [ExposedTool] {
        let words = tokens(query)
        guard !words.isEmpty else { return Array(tools.prefix(limit)) }
        let scored = tools.enumerated().map { index, tool -> (Int, Int, ExposedTool) in
            let name = Set(tokens(tool.tool))
            let server = Set(tokens(tool.server))
            let description = Set(tokens(tool.definition["description"]?.stringValue ?? ""))
            let score = words.reduce(0) { total, word in
                total + (name.contains(word) ? 3 : 0) + (server.contains(word) ? 2 : 0)
                    + (description.contains(word) ? 1 : 0)
            }
            return (score, index, tool)
        }
        return scored.filter { $0.0 > 0 }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.2)
    }

    /// Lower-case runs of letters and digits.
    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// The result of a search, as a tool result.
    public static func result(_ found: [ExposedTool]) -> JSONValue {
        let listed: JSONValue = .array(
            found.map { tool in
                [
                    "name": .string(tool.exposedName),
                    "description": tool.definition["description"] ?? "",
                    "inputSchema": tool.definition["inputSchema"] ?? ["type": "object"],
                ]
            })
        return [
            "content": [["type": "text", "text": .string(JSONValue.object(["tools": listed]).text)]],
            "structuredContent": ["tools": listed],
        ]
    }
}
