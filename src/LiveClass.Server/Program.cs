using LiveClass.Server;

LiveClassApp.Build(args).Run();
