import GatehouseCore
import GatehouseStore
import HTTPTypes
import Hummingbird

extension ConsoleRoutes {
    /// `/console/audit/export`: the audit page's filter as a JSON-lines download, the same lines
    /// as `gatehouse audit export`. Decided and recorded as `audit.export` with the filter.
    func exportAudit(_ request: Request) async -> Response {
        guard let session = request.cookies[BrowserLoginRoutes.sessionCookie]?.value, !session.isEmpty else {
            return signInRedirect(request)
        }
        let parameters = AuditTrailPage.parameters(Self.query(request))
        var spineRequest = Spine.Request(
            authorization: nil, sessionCookie: session, traceparent: request.headers[HTTPField.Name("traceparent")!],
            action: Action(.auditExport, resource: "console"))
        spineRequest.payload = PayloadDigest(parameters: parameters)
        do {
            return try await spine.handle(spineRequest) { _, _ in
                var query = try AuditQueryParameters.parse(parameters, nowMicros: WallClock.nowMicros())
                if parameters["limit"] == nil { query.limit = AuditQuery.maxLimit }
                let records = try await sources.store.queryAudit(query).sorted { $0.seq < $1.seq }
                let text = records.map { AuditRecordBody.jsonLine($0) + "\n" }.joined()
                var headers = HTTPFields()
                headers[.contentType] = "application/x-ndjson"
                headers[.contentDisposition] = "attachment; filename=\"gatehouse-audit.jsonl\""
                headers[.cacheControl] = "no-store"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: text)))
            }
        } catch {
            return await failure(error, request, page: "audit", session: session)
        }
    }
}
