import Foundation
import GatehouseCore
import GatehouseStore

/// `/console/audit`: the trail filtered by person, action, decision and time, the chain's
/// verification on request (`audit.verify`, decided and recorded on its own), and an export of
/// the same filter as JSON lines (`audit.export`).
struct AuditTrailPage {
    let sources: ConsoleSources
    let spine: Spine

    init(_ sources: ConsoleSources, spine: Spine) {
        self.sources = sources
        self.spine = spine
    }

    /// The filter fields the page has (the API's parameters).
    static let filterNames = ["subject", "action", "decision", "since", "until", "limit"]

    struct Model {
        let subject: String
        let action: String
        let decision: String
        let decisionAllow: Bool
        let decisionDeny: Bool
        let since: String
        let until: String
        let limit: String
        let exportQuery: String
        /// The query of the next page (older records), when this one is full.
        let olderQuery: String?
        let rows: [Row]
        let count: Int
        let verification: Verification?
    }

    struct Row {
        let seq: Int64
        let time: String
        let subject: String
        let action: String
        let resource: String
        let decision: String
        let denied: Bool
        let rule: String
        let reason: String
        let outcome: String
        let traceID: String
    }

    struct Verification {
        let intact: Bool
        let records: Int64
        let checkpoints: Int
        let problem: String?
    }

    /// The filter's parameters from the page's query: empty fields dropped, `since` 24 hours by
    /// default.
    static func parameters(_ query: [String: String]) -> [String: String] {
        var parameters: [String: String] = [:]
        for name in filterNames {
            if let value = query[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                parameters[name] = value
            }
        }
        return parameters
    }

    func view(_ visit: ConsoleRoutes.Visit) async throws -> ConsoleRoutes.View {
        let parameters = Self.parameters(visit.query)
        let query = try AuditQueryParameters.parse(parameters, nowMicros: WallClock.nowMicros())
        let records = try await sources.store.queryAudit(query)
        var verification: Verification?
        if visit.query["verify"] == "1" {
            let request = Spine.Request(
                authorization: nil, traceparent: nil, action: Action(.auditVerify, resource: "console"))
            let report = try await spine.authorize(visit.caller, request, traceID: visit.traceID) { _, _ in
                try await sources.verifier.verify(store: sources.store)
            }
            verification = Verification(
                intact: report.isIntact, records: report.verifiedRecords, checkpoints: report.checkpointsChecked,
                problem: report.fault?.description)
        }
        let model = Model(
            subject: parameters["subject"] ?? "", action: parameters["action"] ?? "",
            decision: parameters["decision"] ?? "", decisionAllow: parameters["decision"] == "allow",
            decisionDeny: parameters["decision"] == "deny", since: parameters["since"] ?? "",
            until: parameters["until"] ?? "",
            limit: parameters["limit"] ?? "", exportQuery: Self.encode(parameters),
            olderQuery: records.count == query.limit
                ? records.last.map {
                    Self.encode(parameters.merging(["until": WallClock.rfc3339(micros: $0.event.timeMicros)]) { $1 })
                } : nil,
            rows: records.map(Self.row), count: records.count, verification: verification)
        return ConsoleRoutes.View(template: "audit", model: model)
    }

    static func row(_ record: AuditRecord) -> Row {
        let event = record.event
        return Row(
            seq: record.seq, time: ConsoleFormat.time(event.timeMicros), subject: event.subject, action: event.action,
            resource: event.resource, decision: event.decision, denied: event.decision == "deny", rule: event.rule,
            reason: event.reason, outcome: event.outcome, traceID: event.traceID)
    }

    /// `a=1&b=2`, percent-encoded, for the export link.
    static func encode(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }.map { name, value in
            name + "="
                + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.:")))
                    ?? "")
        }.joined(separator: "&")
    }
}
