/// Which history messages are sent to the model: `num_history_items` keeps every user message
/// and the newest others, never splitting an assistant's tool calls from their answers; older
/// turns are compacted into a summary once the context fills (see ``AgentRunner``).
enum HistoryWindow {
    /// The messages to send, at most `limit` of them besides user messages.
    static func trimmed(_ messages: [ChatMessage], limit: Int?) -> [ChatMessage] {
        guard let limit, limit > 0 else { return messages }
        let others = messages.indices.filter { messages[$0].role != .user }
        guard others.count > limit else { return messages }
        var dropped = Set(others.prefix(others.count - limit))
        // A tool answer whose call was dropped would be refused by the API: drop it too.
        var open: Set<String> = []
        for index in messages.indices {
            let message = messages[index]
            if message.role == .assistant {
                if dropped.contains(index) {
                    open.formUnion(message.toolCalls.map(\.id))
                } else {
                    open.subtract(message.toolCalls.map(\.id))
                }
            } else if message.role == .tool, let id = message.toolCallID, open.contains(id) {
                dropped.insert(index)
            }
        }
        return messages.indices.filter { !dropped.contains($0) }.map { messages[$0] }
    }

    /// The split point for compaction: everything before it is summarised. It never falls
    /// between an assistant's tool calls and their answers; nil when there is nothing to fold.
    static func foldPoint(_ messages: [ChatMessage], keepLast: Int) -> Int? {
        var point = messages.count - keepLast
        while point > 0, point < messages.count, messages[point].role == .tool { point -= 1 }
        return point > 1 ? point : nil
    }

    /// The estimated size in tokens.
    static func tokens(_ messages: [ChatMessage]) -> Int {
        messages.reduce(0) { $0 + $1.estimatedTokens }
    }
}
