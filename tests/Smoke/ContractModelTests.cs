using NotifyContract.Generators.Contract;

namespace NotifyContract.Tests.Smoke;

public class ContractModelTests
{
    [Fact]
    public void Three_operations_with_the_published_required_members()
    {
        Assert.Equal(3, ServiceCatalog.Operations.Count);
        foreach (var op in ServiceCatalog.Operations)
            Assert.Equal(["WorkflowToken", "RecordId", "Status", "IdempotencyToken"],
                op.Members.Where(m => m.Required).Select(m => m.Name));
        Assert.Contains(ServiceCatalog.Get(ServiceCatalog.NotifyProvision).AllMembers(),
            m => m.Path == "ResourceIdentifier.UniqueTag.Key" && m.MaxLength == 128);
        Assert.DoesNotContain(ServiceCatalog.Get(ServiceCatalog.NotifyTerminate).Members, m => m.Name == "Outputs");
    }
}
