/// An incremental parser of `text/event-stream` as the WHATWG HTML standard defines it
/// ("Server-sent events", the parsing and dispatch steps): feed it the bytes as they arrive,
/// split anywhere (even inside a line ending or a UTF-8 sequence), and it returns the events
/// each chunk completed.
///
/// Lines end with CRLF, LF or CR; `:` lines are comments; `data:` lines are joined with `\n`;
/// `id:` sets the last event id (kept across events, and committed even by an event without
/// data, which is how a server primes resumption); `retry:` sets the reconnection time; a
/// leading byte-order mark is dropped; an event cut off by the end of the stream is never
/// dispatched. One deliberate difference from a browser: an event whose data is empty is not
/// dispatched either (a browser hands `data:` alone on as an empty message; for MCP it is the
/// priming event, which carries only an id).
public struct SSEParser: Sendable {
    /// One dispatched event.
    public struct Event: Equatable, Sendable {
        /// The `event:` field; `message` when the event has none.
        public var type: String
        /// The `data:` lines joined with `\n`.
        public var data: String
        /// The stream's last event id when this event was dispatched.
        public var lastEventID: String?
    }

    /// An event or a line longer than the parser accepts.
    public struct Overflow: Error, CustomStringConvertible {
        /// The limit.
        public let limit: Int
        public var description: String { "a server-sent event is over \(limit) bytes" }
    }

    /// The last event id, to resume with (`Last-Event-ID`); nil before any, or after an empty
    /// `id:` reset it.
    public var lastEventID: String? { committedID.isEmpty ? nil : committedID }
    /// The reconnection time the server asked for with `retry:`, in milliseconds.
    public private(set) var retry: Int?

    private let limit: Int
    private var line: [UInt8] = []
    private var afterCR = false
    private var firstLine = true
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType = ""
    private var pendingID = ""
    private var committedID = ""

    /// A parser refusing lines and events over `limit` bytes.
    public init(limit: Int = 64 << 20) {
        self.limit = limit
    }

    /// Parses `bytes`; returns the events they completed, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(Overflow) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            switch byte {
            case 0x0D:
                afterCR = true
                if let event = try endLine() { events.append(event) }
            case 0x0A:
                if afterCR {
                    afterCR = false
                } else if let event = try endLine() {
                    events.append(event)
                }
            default:
                afterCR = false
                line.append(byte)
                if line.count > limit { throw Overflow(limit: limit) }
            }
        }
        return events
    }

    /// Handles the line just ended; returns the event a blank line dispatched.
    private mutating func endLine() throws(Overflow) -> Event? {
        defer { line.removeAll(keepingCapacity: true) }
        if firstLine {
            firstLine = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        guard !line.isEmpty else { return dispatch() }
        if line[0] == UInt8(ascii: ":") { return nil }
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = line[...]
            value = []
        }
        switch String(decoding: field, as: UTF8.self) {
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
            if data.count > limit { throw Overflow(limit: limit) }
        case "id":
            if !value.contains(0) { pendingID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ (0x30...0x39).contains($0) }) {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        default:
            break
        }
        return nil
    }

    /// A blank line: commits the id, and dispatches the event when it has data.
    private mutating func dispatch() -> Event? {
        committedID = pendingID
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventType = ""
        }
        guard hasData, !data.isEmpty else { return nil }
        return Event(
            type: eventType.isEmpty ? "message" : eventType, data: String(decoding: data, as: UTF8.self),
            lastEventID: lastEventID)
    }
}
