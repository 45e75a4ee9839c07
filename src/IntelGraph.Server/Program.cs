using IntelGraph.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddIntelGraphServer();

var app = builder.Build();
app.UseIntelGraphPipeline();
app.MapIntelGraphEndpoints();

await app.RunAsync();
