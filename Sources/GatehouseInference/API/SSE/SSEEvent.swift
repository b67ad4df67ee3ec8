package import Foundation
package import GatehouseCore

/// One server-sent event: its joined `data:` payload.
package struct SSEEvent: Sendable, Hashable {
    /// The payload, `data:` lines joined with `\n`.
    package var data: Data

    /// Creates an event.
    package init(data: Data) {
        self.data = data
    }

    /// Whether this is the OpenAI end-of-stream marker `[DONE]`.
    package var isDone: Bool { data.elementsEqual("[DONE]".utf8) }

    /// The payload parsed as JSON; nil when it is not exactly one JSON value.
    package var json: JSONValue? { JSONValue.parse(data) }

    /// `data: <compact json>\n\n`. The encoding never contains a raw newline, so one line suffices.
    package static func encode(_ value: JSONValue) -> Data {
        var out = Array("data: ".utf8)
        value.write(into: &out)
        out.append(contentsOf: [0x0A, 0x0A])
        return Data(out)
    }

    /// The OpenAI stream terminator, `data: [DONE]\n\n`.
    package static let doneMarker = Data("data: [DONE]\n\n".utf8)
}
