/// A file of an add, written and read as a sync would: the samples it makes and whether it is a hard example.
struct AddedFile: Sendable {
    var outcome: SampleOutcome
    var hard: Bool?
}
