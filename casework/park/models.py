"""Holiday-park enforcement file (domain.md §3): recreation objects, inspections, orders, forfeitures."""
