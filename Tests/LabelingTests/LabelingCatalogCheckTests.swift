import Foundation
import GRDB
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

/// The labeling side of `obslab fsck`: a sound catalog is clean; rows left behind by a dataset that vanished without its
/// cascade are named, table by table.
struct LabelingCatalogCheckTests {
    @Test func samplesOfAVanishedDatasetAreNamed() async throws {
        let fixture = try LabelingFixture(onDisk: true)
        fixture.storage.put("data", "cls/1.jpg", "jpeg 1")
        fixture.storage.put("data", "cls/2.jpg", "jpeg 2")
        fixture.storage.put("data", "cls/2.txt", "cat")
        let dataset = try await fixture.createDataset("pets", .imageClassification, input: "obs://data/cls/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let path = try #require(fixture.directory).appendingPathComponent("labeling.sqlite").path

        let sound = try LabelingCatalogCheck.run(path: path)
        #expect(sound.problems == [])
        #expect(sound.datasets == 1)
        #expect(sound.samples == 2)

        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let damage = try DatabaseQueue(path: path, configuration: configuration)
        try await damage.write { db in try db.execute(sql: "DELETE FROM dataset") }
        try damage.close()

        let damaged = try LabelingCatalogCheck.run(path: path)
        #expect(damaged.datasets == 0)
        #expect(damaged.problems.contains("2 row(s) of sample refer to a dataset that does not exist"))
        #expect(damaged.problems.allSatisfy { $0.hasSuffix("refer to a dataset that does not exist") })
    }
}
