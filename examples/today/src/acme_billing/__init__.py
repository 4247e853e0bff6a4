# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""Acme billing: ONEX nodes for invoicing."""
