using Alba;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Health;

[Collection(AdminCollection.Name)]
public sealed class HealthPageTests(AdminFixture fixture)
{
    [Fact]
    public async Task the_health_page_lists_each_check_with_its_state()
    {
        var page = await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/health");
            s.WithKey(TestKeys.Viewer);
        })).ReadAsTextAsync();
        Assert.Contains("data-name=\"database\"", page);
        Assert.Contains("data-name=\"schema\"", page);
        Assert.Contains("Overall: Healthy", page);
        Assert.Contains("<dt>durability mode</dt>", page);
    }
}
