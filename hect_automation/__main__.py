from hect_automation.cli import main

main()
