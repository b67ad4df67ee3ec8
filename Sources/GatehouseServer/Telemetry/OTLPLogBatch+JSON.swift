import Foundation
import GatehouseCore

/// OTLP/HTTP's JSON encoding (`application/json`): protobuf's JSON mapping with lowerCamelCase
/// names, 64-bit integers as strings and trace ids as hex, as the OTLP specification asks.
extension OTLPLogBatch {
    var json: Data {
        let logRecords: [JSONValue] = records.map { record in
            var object: [String: JSONValue] = [
                "timeUnixNano": .string(String(record.timeUnixNano)),
                "observedTimeUnixNano": .string(String(record.observedTimeUnixNano)),
                "severityNumber": .integer(Int64(record.severityNumber)),
                "severityText": .string(record.severityText),
                "body": ["stringValue": .string(record.body)],
                "attributes": Self.json(record.attributes),
            ]
            if !record.traceID.isEmpty { object["traceId"] = .string(Hex.encode(record.traceID)) }
            return .object(object)
        }
        let request: JSONValue = [
            "resourceLogs": [
                [
                    "resource": ["attributes": Self.json(resource)],
                    "scopeLogs": [
                        [
                            "scope": ["name": .string(scope.name), "version": .string(scope.version)],
                            "logRecords": .array(logRecords),
                        ]
                    ],
                ]
            ]
        ]
        return request.encoded
    }

    private static func json(_ attributes: [(key: String, value: OTLPLogRecord.Value)]) -> JSONValue {
        .array(
            attributes.map { attribute in
                let value: JSONValue =
                    switch attribute.value {
                    case .string(let text): ["stringValue": .string(text)]
                    case .integer(let number): ["intValue": .string(String(number))]
                    }
                return ["key": .string(attribute.key), "value": value]
            })
    }
}
