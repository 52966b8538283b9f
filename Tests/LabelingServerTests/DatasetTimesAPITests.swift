import Foundation
import HTTPTypes
import Labeling
import LabelingServer
import LabelingTestSupport
import ObslabAPI
import Testing

/// A dataset's `create_time` and `update_time` are the real times of its creation and of its last change, in
/// milliseconds since 1970, in the list and in the dataset alike.
struct DatasetTimesAPITests {
    /// A clock reading in the API's unit, rounded down (`floor`) or up, so that a time taken between two readings
    /// falls between them.
    static func milliseconds(_ rule: FloatingPointRoundingRule) -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(rule))
    }

    /// Runs `step` between two clock readings.
    static func timed(_ step: () async throws -> Void) async throws -> ClosedRange<Int64> {
        let before = milliseconds(.down)
        try await step()
        return before...milliseconds(.up)
    }

    struct Times: Equatable {
        var create: Int64
        var update: Int64
    }

    /// The dataset's times as `GET …/datasets` lists them, checked to be those `GET …/datasets/{id}` gives.
    static func times(_ api: APIClient, _ id: String) async throws -> Times {
        let list = try await api.send(.get, "/v2/p/datasets").json
        let listed = try #require((list["datasets"] as? [[String: Any]])?.first { $0["dataset_id"] as? String == id })
        let single = try await api.send(.get, "/v2/p/datasets/\(id)").json
        let create = try #require(listed["create_time"] as? Int)
        let update = try #require(listed["update_time"] as? Int)
        #expect(single["create_time"] as? Int == create)
        #expect(single["update_time"] as? Int == update)
        return Times(create: Int64(create), update: Int64(update))
    }

    @Test func createSyncLabelEditAndDeletionSetTheRealTimes() async throws {
        let fixture = try APIFixture()
        try await fixture.test { api in
            var id = ""
            let created = try await Self.timed { id = try await api.createDataset("timed", type: 0, input: "/b/in/") }
            let atCreation = try await Self.times(api, id)
            #expect(created.contains(atCreation.create))
            #expect(created.contains(atCreation.update))
            // Uploaded after the creation's import, for the next sync to add.
            fixture.storage.put("b", "in/1.jpg", "jpeg one")
            fixture.storage.put("b", "in/1.txt", "cat\n")
            fixture.storage.put("b", "in/2.jpg", "jpeg two")

            // A sync that adds samples, then one that removes one (its object is gone), then one that changes nothing.
            let added = try await Self.timed {
                let status = try await api.sync(id)
                #expect(status.addSampleCount == 2)
            }
            let afterAdd = try await Self.times(api, id)
            #expect(afterAdd.create == atCreation.create)
            #expect(added.contains(afterAdd.update))
            fixture.storage.put("b", "in/3.jpg", "jpeg three")
            fixture.storage.delete("b", "in/2.jpg")
            let changed = try await Self.timed {
                let status = try await api.sync(id)
                #expect(status.addSampleCount == 1 && status.deletedSampleCount == 1)
            }
            let afterChange = try await Self.times(api, id)
            #expect(afterChange.create == atCreation.create)
            #expect(changed.contains(afterChange.update))
            _ = try await api.sync(id)
            #expect(try await Self.times(api, id) == afterChange, "a sync that changes nothing leaves update_time")

            let samples = try await api.samples(id).samples
            let one = try #require(samples.first { $0.source == "obs://b/in/1.jpg" }?.sampleId)
            let three = try #require(samples.first { $0.source == "obs://b/in/3.jpg" }?.sampleId)
            let edited = try await Self.timed {
                let answer = try await api.send(
                    .put,
                    "/v2/p/datasets/\(id)/data-annotations/samples",
                    json: #"{"samples": [{"sample_id": "\#(one)", "labels": [{"name": "dog"}]}]}"#
                )
                #expect(answer.status == .ok, "\(answer.errorMessage)")
            }
            let afterEdit = try await Self.times(api, id)
            #expect(afterEdit.create == atCreation.create)
            #expect(edited.contains(afterEdit.update))

            let deleted = try await Self.timed {
                let answer = try await api.send(
                    .post,
                    "/v2/p/datasets/\(id)/data-annotations/samples/delete",
                    body: ModelArtsAPI.DeleteSamples(samples: [three], deleteSource: false)
                )
                #expect(answer.status == .ok, "\(answer.errorMessage)")
            }
            let afterDeletion = try await Self.times(api, id)
            #expect(afterDeletion.create == atCreation.create)
            #expect(deleted.contains(afterDeletion.update))
        }
    }
}
