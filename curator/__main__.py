from curator.cli.main import run

run()
