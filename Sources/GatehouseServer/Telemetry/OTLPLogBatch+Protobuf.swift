/// OTLP/HTTP's binary encoding (`application/x-protobuf`) of `ExportLogsServiceRequest`,
/// written field by field (the generated OTLP types in swift-otel are not public).
extension OTLPLogBatch {
    var protobuf: [UInt8] {
        var scopeMessage = ProtobufWriter()
        scopeMessage.string(1, scope.name)
        scopeMessage.string(2, scope.version)
        var scopeLogs = ProtobufWriter()
        scopeLogs.message(1, scopeMessage)
        for record in records { scopeLogs.message(2, Self.protobuf(record)) }
        var resourceMessage = ProtobufWriter()
        for attribute in resource { resourceMessage.message(1, Self.protobuf(attribute)) }
        var resourceLogs = ProtobufWriter()
        resourceLogs.message(1, resourceMessage)
        resourceLogs.message(2, scopeLogs)
        var request = ProtobufWriter()
        request.message(1, resourceLogs)
        return request.encoded
    }

    /// `LogRecord`: time 1, severity 2 and 3, body 5, attributes 6, trace id 9, observed time 11.
    private static func protobuf(_ record: OTLPLogRecord) -> ProtobufWriter {
        var message = ProtobufWriter()
        message.fixed64(1, record.timeUnixNano)
        message.varint(2, UInt64(record.severityNumber))
        message.string(3, record.severityText)
        var body = ProtobufWriter()
        body.string(1, record.body)
        message.message(5, body)
        for attribute in record.attributes { message.message(6, protobuf(attribute)) }
        if !record.traceID.isEmpty { message.bytes(9, record.traceID) }
        message.fixed64(11, record.observedTimeUnixNano)
        return message
    }

    /// `KeyValue`: key 1, value 2 (`AnyValue`: string 1, int 3).
    private static func protobuf(_ attribute: (key: String, value: OTLPLogRecord.Value)) -> ProtobufWriter {
        var value = ProtobufWriter()
        switch attribute.value {
        case .string(let text): value.string(1, text)
        case .integer(let number): value.varint(3, UInt64(bitPattern: number))
        }
        var pair = ProtobufWriter()
        pair.string(1, attribute.key)
        pair.message(2, value)
        return pair
    }
}
