import Foundation
import GRDB
import LabelFormats

/// A dataset sample as a labeling job sees it. The job mirrors the dataset's labels until labels are edited in the
/// job: then `annotations` holds the job's own, which syncs never overwrite.
struct JobSampleRecord: CatalogRecord {
    static let databaseTableName = "jobSample"

    enum Columns {
        static let jobId = Column(CodingKeys.jobId)
        static let sampleId = Column(CodingKeys.sampleId)
    }

    var jobId: String
    var sampleId: String
    /// nil while the job mirrors the dataset's labels.
    var annotations: [Annotation]?
    var isLabeled: Bool?
    var labeledBy: String?
    var labeledAt: Date?

    init(jobId: String, sampleId: String) {
        self.jobId = jobId
        self.sampleId = sampleId
    }

    /// The job's own labels are now these, by the edit's author.
    mutating func apply(_ annotations: [Annotation], _ edit: LabelEdit) {
        self.annotations = annotations
        isLabeled = !annotations.isEmpty
        labeledBy = edit.author
        labeledAt = edit.date
    }
}
