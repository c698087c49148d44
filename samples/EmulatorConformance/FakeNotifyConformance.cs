using NotifyContract.Testing;

namespace EmulatorConformance;

/// <summary>Every rule of every operation against <see cref="FakeNotify"/>, each its own test case.</summary>
public class FakeNotifyConformance : ConformanceTests<FakeNotify>;
