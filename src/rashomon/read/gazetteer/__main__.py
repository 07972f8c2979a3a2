from rashomon.read.gazetteer.cli import main

raise SystemExit(main())
