import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import HTTPTypes
import HummingbirdTesting
import Testing

/// RFC 7644 behaviour the conformance suites do not reach: preconditions, bulk, errors,
/// sorting and paging, concurrency.
@Suite struct SCIMProtocolTests {
    typealias H = SCIMHarness

    @Test func etagsGuardChangesAndSaveReads() async throws {
        try await H.withServer { context in
            let client = context.client
            let created = try await H.send(client, .post, "/Users", H.user("gail"))
            let etag = try #require(created.headers[.eTag])
            #expect(etag == created["meta"]?[attribute: "version"]?.stringValue)
            let unchanged = try await H.send(client, .get, "/Users/\(created.id)", headers: [.ifNoneMatch: etag])
            #expect(unchanged.status == 304)
            #expect(unchanged.json == nil)
            let changed = try await H.send(
                client, .patch, "/Users/\(created.id)", H.patch(#"{"op": "add", "path": "title", "value": "Dr"}"#),
                headers: [.ifMatch: etag])
            #expect(changed.status == 200)
            let newTag = try #require(changed.headers[.eTag])
            #expect(newTag != etag)
            let stale = try await H.send(
                client, .put, "/Users/\(created.id)", H.user("gail2"), headers: [.ifMatch: etag])
            #expect(stale.status == 412)
            #expect(stale["schemas"] == .array([.string(SCIMURN.error)]))
            let staleDelete = try await H.send(client, .delete, "/Users/\(created.id)", headers: [.ifMatch: etag])
            #expect(staleDelete.status == 412)
            let fresh = try await H.send(client, .get, "/Users/\(created.id)", headers: [.ifNoneMatch: etag])
            #expect(fresh.status == 200 && fresh["title"] == .string("Dr"))
            #expect(try await H.send(client, .delete, "/Users/\(created.id)", headers: [.ifMatch: "*"]).status == 204)
        }
    }

    @Test func errorsUseTheSCIMSchemaAndTypes() async throws {
        try await H.withServer { context in
            let client = context.client
            #expect(try await H.send(client, .post, "/Users", H.user("Hana")).status == 201)
            let duplicate = try await H.send(client, .post, "/Users", H.user("HANA"))
            #expect(duplicate.status == 409 && duplicate.scimType == "uniqueness")
            #expect(duplicate["status"] == .string("409"))
            let cases: [(String, String, Int, String?)] = [
                ("/Users?filter=userName%20eq", "", 400, "invalidFilter"),
                (
                    "/Users?filter=" + String(repeating: "(", count: 40) + "userName%20pr"
                        + String(repeating: ")", count: 40), "", 400, "invalidFilter"
                ),
                (
                    "/Users?filter=" + Array(repeating: "userName%20pr", count: 400).joined(separator: "%20or%20"), "",
                    400, "invalidFilter"
                ),
                ("/Users?filter=shoeSize%20gt%205", "", 400, "invalidFilter"),
                ("/Users?sortOrder=sideways", "", 400, "invalidValue"),
                ("/Users?attributes=nonsense", "", 400, "invalidValue"),
                ("/Nope", "", 404, nil),
                ("/Users/does-not-exist", "", 404, nil),
            ]
            for (path, _, status, type) in cases {
                let reply = try await H.send(client, .get, path)
                #expect(reply.status == status, "\(path)")
                #expect(reply.scimType == type, "\(path)")
                #expect(reply["schemas"] == .array([.string(SCIMURN.error)]), "\(path)")
            }
            let user = try await H.send(client, .post, "/Users", H.user("ivan"))
            let patches: [(String, String?)] = [
                (#"{"op": "replace", "path": "shoeSize", "value": 44}"#, "invalidPath"),
                (#"{"op": "replace", "path": "emails[type eq", "value": "x"}"#, "invalidPath"),
                (#"{"op": "replace", "path": "id", "value": "mine"}"#, "mutability"),
                (#"{"op": "add", "path": "groups", "value": [{"value": "g"}]}"#, "mutability"),
                (#"{"op": "remove"}"#, "noTarget"),
                (#"{"op": "replace", "path": "active", "value": "maybe"}"#, "invalidValue"),
                (#"{"op": "replace", "path": "emails[type eq \"home\"]", "value": {"value": "x"}}"#, nil),
                (#"{"op": "copy", "path": "title", "value": "x"}"#, "invalidSyntax"),
            ]
            for (operation, type) in patches {
                let reply = try await H.send(client, .patch, "/Users/\(user.id)", H.patch(operation))
                if let type {
                    #expect(reply.status == 400 && reply.scimType == type, "\(operation)")
                } else {
                    #expect(reply.status == 200, "\(operation)")
                }
            }
            let unknown = try await H.send(client, .post, "/Users", H.user("jo", extra: #", "shoeSize": 44"#))
            #expect(unknown.status == 400 && unknown.detail?.contains("shoeSize") == true)
            let notJSON = try await H.send(client, .post, "/Users", "{nope")
            #expect(notJSON.status == 400 && notJSON.scimType == "invalidSyntax")
            let huge = try await H.send(
                client, .post, "/Users", H.user(String(repeating: "x", count: SCIMLimits.maxBodyBytes)))
            #expect(huge.status == 413)
        }
    }

    @Test func badTokensAreRefusedInSCIMFormAndAudited() async throws {
        try await H.withServer { context in
            let reply = try await H.send(context.client, .get, "/Users", token: "wrong-token-0123456789abcdefghij")
            #expect(reply.status == 401)
            #expect(reply["schemas"] == .array([.string(SCIMURN.error)]))
            #expect(reply.headers[.wwwAuthenticate] != nil)
            #expect(reply.detail?.contains("wrong-token") == false)
            let admin = try await H.send(context.client, .get, "/Users", token: ServerHarness.adminToken)
            #expect(admin.status == 401)  // access tokens are not SCIM credentials
            let store = try await H.openStore(context)
            let refusals = try await store.queryAudit(AuditQuery(decision: "deny", limit: 10))
            #expect(refusals.count == 2)
            #expect(refusals.allSatisfy { $0.event.resource == "scim:Users" && $0.event.subject == "anonymous" })
            await store.shutdown()
        }
    }

    @Test func listsFilterSortPageAndProject() async throws {
        try await H.withServer { context in
            let client = context.client
            for (name, title) in [("kim", "b"), ("lou", "c"), ("max", "a"), ("ned", "")] {
                let extra = title.isEmpty ? "" : #", "title": "\#(title)""#
                #expect(try await H.send(client, .post, "/Users", H.user(name, extra: extra)).status == 201)
            }
            func names(_ reply: H.Reply) -> [String] {
                guard case .array(let items)? = reply["Resources"] else { return [] }
                return items.compactMap { $0[attribute: "userName"]?.stringValue }
            }
            let sorted = try await H.send(client, .get, "/Users?sortBy=title&sortOrder=descending")
            #expect(names(sorted) == ["lou", "kim", "max", "ned"])  // no title sorts last
            let paged = try await H.send(client, .get, "/Users?sortBy=userName&startIndex=2&count=2")
            #expect(names(paged) == ["lou", "max"])
            #expect(paged["totalResults"] == .number(4) && paged["itemsPerPage"] == .number(2))
            #expect(paged["startIndex"] == .number(2))
            let filtered = try await H.send(
                client, .get, "/Users?filter=title%20pr%20and%20not%20(userName%20sw%20%22K%22)&sortBy=userName")
            #expect(names(filtered) == ["lou", "max"])
            let projected = try await H.send(client, .get, "/Users?attributes=title&filter=userName%20eq%20%22kim%22")
            guard case .array(let items)? = projected["Resources"], let only = items.first,
                case .object(let members) = only
            else { throw GatehouseError(.internal, "no resource") }
            #expect(Set(members.keys) == ["schemas", "id", "title"])
            let search = try await H.send(
                client, .post, "/Users/.search",
                #"{"schemas": ["\#(SCIMURN.searchRequest)"], "filter": "userName ew \"x\" or title eq \"A\"", "count": 10}"#
            )
            #expect(names(search) == ["max"])
            let empty = try await H.send(client, .get, "/Users?count=0")
            #expect(empty["Resources"] == .array([]) && empty["totalResults"] == .number(4))
        }
    }

    @Test func bulkResolvesReferencesAndStopsAfterErrors() async throws {
        try await H.withServer { context in
            let client = context.client
            let body = #"""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "failOnErrors": 1, "Operations": [
                  {"method": "POST", "path": "/Users", "bulkId": "u1", "data": \#(H.user("olga"))},
                  {"method": "POST", "path": "/Groups", "bulkId": "g1",
                   "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "ops",
                            "members": [{"value": "bulkId:u1"}]}},
                  {"method": "POST", "path": "/Users", "bulkId": "u2", "data": \#(H.user("OLGA"))},
                  {"method": "DELETE", "path": "/Users/bulkId:u1"}
                ]}
                """#
            let reply = try await H.send(client, .post, "/Bulk", body)
            #expect(reply.status == 200)
            guard case .array(let results)? = reply["Operations"] else { throw GatehouseError(.internal, "no results") }
            #expect(results.map { $0[attribute: "status"]?.stringValue } == ["201", "201", "409"])
            #expect(results[2][attribute: "response"]?[attribute: "scimType"] == .string("uniqueness"))
            let groupID =
                results[1][attribute: "location"]?.stringValue?.split(separator: "/").last.map(String.init) ?? ""
            let group = try await H.send(client, .get, "/Groups/\(groupID)")
            let userID = results[0][attribute: "location"]?.stringValue?.split(separator: "/").last.map(String.init)
            #expect(group["members"]?.arrayFirstValue == userID)
            #expect(try await H.send(client, .get, "/Users/\(userID ?? "")").status == 200)  // not deleted

            let tooMany = Array(
                repeating: #"{"method": "DELETE", "path": "/Users/x"}"#, count: SCIMLimits.maxBulkOperations + 1)
            let big = try await H.send(
                client, .post, "/Bulk",
                #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [\#(tooMany.joined(separator: ","))]}"#
            )
            #expect(big.status == 413)
            let store = try await H.openStore(context)
            let provisions = try await store.queryAudit(AuditQuery(action: "user.provision", limit: 10))
            #expect(provisions.count == 3)  // one record per operation, the refused one included
            await store.shutdown()
        }
    }

    /// Many clients adding members to one group at once: every add lands.
    @Test func concurrentPatchesLoseNoMembers() async throws {
        try await H.withServer { context in
            let client = context.client
            var ids: [String] = []
            for index in 0..<16 { ids.append(try await H.send(client, .post, "/Users", H.user("p\(index)")).id) }
            let group = try await H.send(client, .post, "/Groups", H.group("crowd"))
            try await withThrowingTaskGroup(of: Int.self) { tasks in
                for id in ids {
                    tasks.addTask {
                        try await H.send(
                            client, .patch, "/Groups/\(group.id)",
                            H.patch(#"{"op": "add", "path": "members", "value": [{"value": "\#(id)"}]}"#)
                        ).status
                    }
                }
                for try await status in tasks { #expect(status == 200) }
            }
            let final = try await H.send(client, .get, "/Groups/\(group.id)")
            guard case .array(let members)? = final["members"] else { throw GatehouseError(.internal, "no members") }
            #expect(Set(members.compactMap { $0[attribute: "value"]?.stringValue }) == Set(ids))
            #expect(final["meta"]?[attribute: "version"] == .string("W/\"17\""))
        }
    }
}

extension SCIMHarness.Reply {
    var detail: String? { self["detail"]?.stringValue }
}

extension SCIMJSON {
    var arrayFirstValue: String? {
        guard case .array(let items) = self else { return nil }
        return items.first?[attribute: "value"]?.stringValue
    }
}
